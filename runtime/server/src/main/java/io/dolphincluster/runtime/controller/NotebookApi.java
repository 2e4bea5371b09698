package io.dolphincluster.runtime.controller;

import io.dolphincluster.runtime.auth.BasicCredentials;
import io.dolphincluster.runtime.dolphindb.client.ApiClient;
import io.dolphincluster.runtime.dolphindb.client.ResultJson;
import io.dolphincluster.runtime.http.ApiException;
import io.dolphincluster.runtime.http.ApiRequest;
import io.dolphincluster.runtime.http.ApiResponse;
import io.dolphincluster.runtime.http.Access;
import io.dolphincluster.runtime.http.Route;
import io.dolphincluster.runtime.metadata.ClusterMetadata;
import io.dolphincluster.runtime.metadata.NodeInfo;
import io.dolphincluster.runtime.metadata.NodeState;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page's Notebook: {@code POST /api/notebook {"script", "datanode"}} runs a DolphinDB script on a live datanode
 * (the one named, else the first up) through DolphinDB's API protocol, logged in with the request's HTTP Basic
 * credentials (the datanode checks them and applies the user's role), and answers the result for the page ({@link ResultJson}) with the datanode's
 * alias. 401 without credentials or when the datanode refuses them, 422 with the script's one-line error, 503 when no
 * datanode is up or answers. Any controller serves it.
 */
final class NotebookApi {
    private static final Logger log = LoggerFactory.getLogger(NotebookApi.class);
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final long MAX_RESULT_BYTES = 64L << 20;

    record NotebookRequest(String script, String datanode) {}

    private final String alias;
    private final ClusterMetadata metadata;
    private final Executor executor;
    private final javax.net.ssl.SSLSocketFactory tls;

    /** @param tls TLS to the datanodes (null: plain TCP) */
    NotebookApi(String alias, ClusterMetadata metadata, Executor executor, javax.net.ssl.SSLSocketFactory tls) {
        this.tls = tls;
        this.alias = alias;
        this.metadata = metadata;
        this.executor = executor;
    }

    List<Route> routes() {
        return List.of(new Route("POST", "/api/notebook", Access.USER, this::run));
    }

    private CompletableFuture<ApiResponse> run(ApiRequest request) {
        NotebookRequest body = request.bodyAs(NotebookRequest.class);
        if (body == null || body.script() == null || body.script().isBlank()) throw ApiException.badRequest("a script is required");
        if (request.principal().isNode()) throw new ApiException(403, "the Notebook runs scripts as a user, not as a member node");
        BasicCredentials credentials = BasicCredentials.parse(request.header("Authorization"))
                .orElseThrow(() -> new ApiException(401, "log in to run scripts"));
        NodeInfo datanode = datanode(body.datanode());
        return CompletableFuture.supplyAsync(() -> execute(datanode, credentials, body.script()), executor);
    }

    private NodeInfo datanode(String wanted) {
        List<NodeInfo> up = metadata.snapshot().nodes().stream()
                .filter(n -> "datanode".equals(n.mode()) && n.state() == NodeState.UP).toList();
        if (wanted != null && !wanted.isBlank()) {
            return up.stream().filter(n -> n.alias().equals(wanted)).findFirst()
                    .orElseThrow(() -> ApiException.unavailable("datanode " + wanted + " is not up"));
        }
        return up.stream().findFirst().orElseThrow(() -> ApiException.unavailable("no datanode is up"));
    }

    private ApiResponse execute(NodeInfo datanode, BasicCredentials credentials, String script) {
        int colon = datanode.site().lastIndexOf(':');
        try (ApiClient client = ApiClient.connect(datanode.site().substring(0, colon), Integer.parseInt(datanode.site().substring(colon + 1)),
                TIMEOUT, MAX_RESULT_BYTES, tls)) {
            try {
                client.login(credentials.user(), credentials.password());
            } catch (ApiClient.ServerError e) {
                log.info("[{}] notebook login as {} refused by {}", alias, credentials.user(), datanode.alias());
                throw new ApiException(401, e.getMessage());
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("datanode", datanode.alias());
            answer.putAll(ResultJson.of(client.run(script)));
            return ApiResponse.ok(answer);
        } catch (ApiClient.ServerError e) {
            throw new ApiException(422, e.getMessage(), Map.of("datanode", datanode.alias()));
        } catch (IOException e) {
            throw ApiException.unavailable("datanode " + datanode.alias() + " did not answer: " + e.getMessage());
        }
    }
}
