package io.dolphincluster.runtime.controller.api;

import io.dolphincluster.adminapi.AdminRoutes;
import io.dolphincluster.runtime.http.Access;
import io.dolphincluster.runtime.http.ApiException;
import io.dolphincluster.runtime.http.Route;
import io.dolphincluster.runtime.metadata.ClusterMetadata;
import io.dolphincluster.runtime.metadata.NodeInfo;
import io.dolphincluster.runtime.metadata.NodeState;
import io.dolphincluster.runtime.web.NotebookRunner;
import java.util.List;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLSocketFactory;

/**
 * The controller page's Notebook: {@code POST /api/notebook {"script", "datanode"}} runs a
 * DolphinDB script on a live datanode (the one named, else the first up) as {@link NotebookRunner}
 * does; 503 when that datanode is not up or none is. Any controller serves it.
 */
public final class NotebookApi {
    private final ClusterMetadata metadata;
    private final NotebookRunner runner;

    /**
     * @param tls TLS to the datanodes (null: plain TCP)
     */
    public NotebookApi(
            String alias, ClusterMetadata metadata, Executor executor, SSLSocketFactory tls) {
        this.metadata = metadata;
        this.runner = new NotebookRunner(alias, executor, tls);
    }

    public List<Route> routes() {
        return List.of(
                new Route(AdminRoutes.NOTEBOOK, Access.USER, r -> runner.run(r, this::datanode)));
    }

    private NotebookRunner.Datanode datanode(String wanted) {
        List<NodeInfo> up =
                metadata.snapshot().nodes().stream()
                        .filter(n -> "datanode".equals(n.mode()) && n.state() == NodeState.UP)
                        .toList();
        NodeInfo chosen =
                wanted == null
                        ? up.stream()
                                .findFirst()
                                .orElseThrow(() -> ApiException.unavailable("no datanode is up"))
                        : up.stream()
                                .filter(n -> n.alias().equals(wanted))
                                .findFirst()
                                .orElseThrow(
                                        () ->
                                                ApiException.unavailable(
                                                        "datanode " + wanted + " is not up"));
        return new NotebookRunner.Datanode(chosen.alias(), chosen.site());
    }
}
