package io.dolphincluster.runtime.controller.api;

import io.dolphincluster.adminapi.AdminRoutes;
import io.dolphincluster.protocol.auth.ClusterCredential;
import io.dolphincluster.runtime.AsyncFailure;
import io.dolphincluster.runtime.config.ClusterNodes;
import io.dolphincluster.runtime.config.NodeEntry;
import io.dolphincluster.runtime.config.NodeMode;
import io.dolphincluster.runtime.controller.leader.LeaderRouting;
import io.dolphincluster.runtime.http.Access;
import io.dolphincluster.runtime.http.ApiException;
import io.dolphincluster.runtime.http.ApiRequest;
import io.dolphincluster.runtime.http.ApiResponse;
import io.dolphincluster.runtime.http.Json;
import io.dolphincluster.runtime.http.Route;
import io.dolphincluster.runtime.metadata.ClusterMetadata;
import io.dolphincluster.runtime.metadata.NodeInfo;
import io.dolphincluster.runtime.metadata.NodeState;
import io.dolphincluster.runtime.tls.ClusterTls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The controller's routes about datanodes and {@code cluster.nodes}: {@code GET /api/cluster-nodes}
 * (the rows of this controller's {@code cluster.nodes}, for agents), {@code GET /api/datanodes}
 * (every datanode of {@code cluster.nodes} with its registration state and the live agent of its
 * host), and {@code POST /api/datanodes/{alias}/start|stop}, which only the leader serves, as in
 * the seed: it forwards the call to the agent registered (and up) on the datanode's host and
 * returns that agent's answer (the call signed as this controller, a member node). 404: no such
 * datanode; 503: no live agent on its host, or the agent did not answer. Reads are for any user,
 * start and stop for admins.
 */
public final class DatanodeControlApi {
    /** Longer than an agent's stop: SIGTERM grace period plus SIGKILL wait. */
    private static final Duration AGENT_TIMEOUT = Duration.ofSeconds(60);

    private final String alias;
    private final ClusterCredential credential;
    private final ClusterNodes clusterNodes;
    private final ClusterMetadata metadata;
    private final LeaderRouting routing;
    private final HttpClient http;
    private final ClusterTls tls;

    /**
     * @param credential signs the calls to agents as this controller ({@code alias}), a member node
     */
    public DatanodeControlApi(
            String alias,
            ClusterCredential credential,
            ClusterNodes clusterNodes,
            ClusterMetadata metadata,
            LeaderRouting routing,
            ClusterTls tls) {
        this.tls = tls;
        this.http =
                tls.httpClient()
                        .connectTimeout(Duration.ofSeconds(2))
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
        this.alias = alias;
        this.credential = credential;
        this.clusterNodes = clusterNodes;
        this.metadata = metadata;
        this.routing = routing;
    }

    public List<Route> routes() {
        return List.of(
                new Route(
                        AdminRoutes.CLUSTER_NODES,
                        Access.USER,
                        r -> ok(Map.of("nodes", clusterNodeRows()))),
                new Route(
                        AdminRoutes.DATANODES,
                        Access.USER,
                        r -> ok(Map.of("datanodes", datanodes()))),
                new Route(
                        AdminRoutes.START_DATANODE,
                        Access.ADMIN,
                        r -> routing.onLeader(r, () -> forward(r, "start"))),
                new Route(
                        AdminRoutes.STOP_DATANODE,
                        Access.ADMIN,
                        r -> routing.onLeader(r, () -> forward(r, "stop"))));
    }

    private List<Map<String, Object>> clusterNodeRows() {
        return clusterNodes.nodes().stream()
                .map(
                        n -> {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("alias", n.alias());
                            row.put("site", n.site().hostPort());
                            row.put("mode", n.mode().configName());
                            return row;
                        })
                .toList();
    }

    private List<Map<String, Object>> datanodes() {
        return clusterNodes.withMode(NodeMode.DATANODE).stream()
                .map(
                        d -> {
                            Optional<NodeInfo> registered = metadata.node(d.alias());
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("alias", d.alias());
                            row.put("site", d.site().hostPort());
                            row.put("registered", registered.isPresent());
                            row.put("state", registered.map(n -> n.state().name()).orElse(null));
                            row.put("machine", registered.map(NodeInfo::machine).orElse(null));
                            row.put("zone", registered.map(NodeInfo::zone).orElse(null));
                            row.put("agent", liveAgentOn(d).map(NodeInfo::alias).orElse(null));
                            return row;
                        })
                .toList();
    }

    private CompletableFuture<ApiResponse> forward(ApiRequest request, String action) {
        String datanodeAlias = request.pathParam("alias");
        NodeEntry datanode =
                clusterNodes
                        .find(datanodeAlias)
                        .filter(n -> n.mode() == NodeMode.DATANODE)
                        .orElseThrow(
                                () ->
                                        new ApiException(
                                                404,
                                                "cluster.nodes lists no datanode "
                                                        + datanodeAlias));
        NodeInfo agent =
                liveAgentOn(datanode)
                        .orElseThrow(
                                () ->
                                        ApiException.unavailable(
                                                "no live agent on host "
                                                        + datanode.site().host()
                                                        + " to "
                                                        + action
                                                        + " "
                                                        + datanodeAlias
                                                        + " (an agent whose localSite host is "
                                                        + datanode.site().host()
                                                        + " must be registered and sending heartbeats)"));
        URI url =
                tls.uri(agent.site().toString(), "/api/datanodes/" + datanodeAlias + "/" + action);
        HttpRequest call =
                HttpRequest.newBuilder(url)
                        .timeout(AGENT_TIMEOUT)
                        .header(
                                "Authorization",
                                credential.httpAuthorization(alias, "POST", url, new byte[0]))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build();
        return http.sendAsync(call, HttpResponse.BodyHandlers.ofByteArray())
                .handle(
                        (response, failure) -> {
                            if (failure != null) {
                                throw ApiException.unavailable(
                                        "agent "
                                                + agent.alias()
                                                + " at "
                                                + agent.site()
                                                + " did not answer: "
                                                + AsyncFailure.cause(failure));
                            }
                            return ApiResponse.status(
                                    response.statusCode(),
                                    withAgent(response.body(), agent.alias()));
                        });
    }

    private static Object withAgent(byte[] body, String agent) {
        try {
            Object parsed = body.length == 0 ? null : Json.MAPPER.readValue(body, Object.class);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("agent", agent);
            if (parsed instanceof Map<?, ?> map) {
                map.forEach((k, v) -> answer.put(String.valueOf(k), v));
            } else {
                answer.put("answer", parsed);
            }
            return answer;
        } catch (IOException e) {
            throw ApiException.unavailable(
                    "agent " + agent + " answered something that is not JSON");
        }
    }

    /** The agent registered on the datanode's host (the host of its {@code localSite}) and up. */
    private Optional<NodeInfo> liveAgentOn(NodeEntry datanode) {
        String host = datanode.site().host();
        return metadata.nodes().stream()
                .filter(
                        n ->
                                NodeMode.AGENT.configName().equals(n.mode())
                                        && n.state() == NodeState.UP)
                .filter(n -> host.equals(hostOf(n.site())))
                .findFirst();
    }

    private static String hostOf(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    private static CompletableFuture<ApiResponse> ok(Object body) {
        return CompletableFuture.completedFuture(ApiResponse.ok(body));
    }
}
