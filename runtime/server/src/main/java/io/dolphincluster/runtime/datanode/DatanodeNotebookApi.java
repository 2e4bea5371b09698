package io.dolphincluster.runtime.datanode;

import io.dolphincluster.runtime.auth.Principal;
import io.dolphincluster.runtime.http.Access;
import io.dolphincluster.runtime.http.ApiException;
import io.dolphincluster.runtime.http.ApiResponse;
import io.dolphincluster.runtime.http.Route;
import io.dolphincluster.runtime.web.NotebookRunner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLSocketFactory;

/**
 * The Notebook of a datanode's page ({@code WebPage.datanodeRoutes()}): {@code POST /api/notebook
 * {"script"}} runs a DolphinDB script on this datanode, through its own data port as any DolphinDB
 * client would ({@link NotebookRunner}); naming another datanode is a 400. {@code GET
 * /api/admin/login} answers {@code {"user","role","admin","datanode"}} for good credentials: the
 * page checks a login with it, as on a controller. Both for any user.
 */
final class DatanodeNotebookApi {
    private final NotebookRunner.Datanode self;
    private final NotebookRunner runner;

    /**
     * @param site this datanode's data port, {@code host:port}
     */
    /**
     * @param tls TLS to its own data port (null: plain TCP)
     */
    DatanodeNotebookApi(String alias, String site, Executor executor, SSLSocketFactory tls) {
        this.self = new NotebookRunner.Datanode(alias, site);
        this.runner = new NotebookRunner(alias, executor, tls);
    }

    List<Route> routes() {
        return List.of(
                new Route("POST", "/api/notebook", Access.USER, r -> runner.run(r, this::datanode)),
                new Route(
                        "GET",
                        "/api/admin/login",
                        Access.USER,
                        r ->
                                CompletableFuture.completedFuture(
                                        ApiResponse.ok(login(r.principal())))));
    }

    private NotebookRunner.Datanode datanode(String wanted) {
        if (wanted != null && !wanted.equals(self.alias())) {
            throw ApiException.badRequest(
                    "this page runs scripts on " + self.alias() + ", not on " + wanted);
        }
        return self;
    }

    private Map<String, Object> login(Principal caller) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", caller.name());
        body.put("role", caller.isNode() ? "member" : caller.role().configName());
        body.put("admin", caller.isAdmin());
        body.put("datanode", self.alias());
        return body;
    }
}
