package io.dolphincluster.runtime.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.dolphincluster.adminapi.AdminRoutes;
import io.dolphincluster.runtime.config.MachineIdentity;
import io.dolphincluster.runtime.config.NodeEntry;
import io.dolphincluster.runtime.config.NodeMode;
import io.dolphincluster.runtime.config.Site;
import io.dolphincluster.runtime.http.Access;
import io.dolphincluster.runtime.http.ApiException;
import io.dolphincluster.runtime.http.ApiRequest;
import io.dolphincluster.runtime.http.ApiResponse;
import io.dolphincluster.runtime.http.Route;
import io.dolphincluster.runtime.link.ControllerLink;
import io.dolphincluster.runtime.link.NodeMembership;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The agent's HTTP API on its {@code localSite} port. Its datanodes are the {@code cluster.nodes}
 * rows of mode datanode whose host is the agent's own {@code localSite} host, as in the seed; the
 * list comes from the controllers ({@code GET /api/cluster-nodes}) and the last list fetched is
 * used while none answers. Handlers that wait (for a controller, for a process to stop) run on
 * {@code executor}, never on Netty's event loop. Health is open; the datanode list is for any user,
 * start and stop for admins and member nodes (the leader forwards them signed as itself).
 */
final class AgentApi {
    private final Site localSite;
    private final MachineIdentity identity;
    private final ControllerLink link;
    private final NodeMembership membership;
    private final DatanodeLauncher launcher;
    private final DatanodeSupervisor supervisor;
    private final Executor executor;
    private volatile List<NodeEntry> lastClusterNodes;

    AgentApi(
            Site localSite,
            MachineIdentity identity,
            ControllerLink link,
            NodeMembership membership,
            DatanodeLauncher launcher,
            DatanodeSupervisor supervisor,
            Executor executor) {
        this.localSite = localSite;
        this.identity = identity;
        this.link = link;
        this.membership = membership;
        this.launcher = launcher;
        this.supervisor = supervisor;
        this.executor = executor;
    }

    List<Route> routes() {
        return List.of(
                new Route(
                        "GET",
                        "/api/health",
                        Access.PUBLIC,
                        r -> CompletableFuture.completedFuture(ApiResponse.ok(health()))),
                new Route("GET", "/api/datanodes", Access.USER, r -> async(this::datanodes)),
                new Route(
                        "POST",
                        "/api/datanodes/{alias}/start",
                        Access.ADMIN,
                        r -> async(() -> start(r))),
                new Route(
                        "POST",
                        "/api/datanodes/{alias}/stop",
                        Access.ADMIN,
                        r -> async(() -> stop(r))));
    }

    private Map<String, Object> health() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "UP");
        body.put("alias", localSite.alias());
        body.put("mode", NodeMode.AGENT.configName());
        body.put("machine", identity.machine());
        body.put("zone", identity.zone());
        body.put("leader", membership.leader().orElse(null));
        return body;
    }

    private ApiResponse datanodes() {
        List<NodeEntry> clusterNodes = clusterNodes();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent", localSite.alias());
        body.put("machine", identity.machine());
        body.put("datanodes", ownDatanodes(clusterNodes).stream().map(supervisor::status).toList());
        return ApiResponse.ok(body);
    }

    private ApiResponse start(ApiRequest request) {
        List<NodeEntry> clusterNodes = clusterNodes();
        NodeEntry datanode = ownDatanode(request.pathParam("alias"), clusterNodes);
        try {
            List<String> command = launcher.prepare(datanode, clusterNodes);
            return ApiResponse.ok(
                    supervisor.start(
                            datanode,
                            command,
                            launcher.logDirectory(datanode.alias()).resolve("stdout.log")));
        } catch (IOException e) {
            throw new ApiException(500, "could not start " + datanode.alias() + ": " + e);
        }
    }

    private ApiResponse stop(ApiRequest request) {
        NodeEntry datanode = ownDatanode(request.pathParam("alias"), clusterNodes());
        try {
            return ApiResponse.ok(supervisor.stop(datanode));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while stopping " + datanode.alias());
        } catch (IllegalStateException e) {
            throw new ApiException(500, e.getMessage());
        }
    }

    private List<NodeEntry> clusterNodes() {
        try {
            List<NodeEntry> nodes = fetchClusterNodes();
            lastClusterNodes = nodes;
            return nodes;
        } catch (IOException e) {
            List<NodeEntry> last = lastClusterNodes;
            if (last != null) return last;
            throw ApiException.unavailable(
                    localSite.alias() + " does not know its datanodes yet: " + e.getMessage());
        }
    }

    /**
     * The rows of the cluster's {@code cluster.nodes}, as the controllers serve them ({@code GET
     * /api/cluster-nodes}).
     */
    private List<NodeEntry> fetchClusterNodes() throws IOException {
        try {
            ControllerLink.Answer answer = link.get(AdminRoutes.CLUSTER_NODES.path());
            if (!answer.ok())
                throw new IOException(
                        AdminRoutes.CLUSTER_NODES
                                + " answered "
                                + answer.status()
                                + ": "
                                + answer.error());
            List<NodeEntry> nodes = new ArrayList<>();
            for (JsonNode node : answer.body().path("nodes")) {
                Site site =
                        Site.parse(node.path("site").asText() + ":" + node.path("alias").asText());
                nodes.add(new NodeEntry(site, NodeMode.parse(node.path("mode").asText())));
            }
            return nodes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private List<NodeEntry> ownDatanodes(List<NodeEntry> clusterNodes) {
        return clusterNodes.stream()
                .filter(
                        n ->
                                n.mode() == NodeMode.DATANODE
                                        && n.site().host().equals(localSite.host()))
                .toList();
    }

    private NodeEntry ownDatanode(String alias, List<NodeEntry> clusterNodes) {
        NodeEntry node =
                clusterNodes.stream()
                        .filter(n -> n.alias().equals(alias))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new ApiException(
                                                404, "cluster.nodes lists no node " + alias));
        if (node.mode() != NodeMode.DATANODE)
            throw new ApiException(
                    404, alias + " is a " + node.mode().configName() + ", not a datanode");
        if (!node.site().host().equals(localSite.host())) {
            throw new ApiException(
                    404,
                    "datanode "
                            + alias
                            + " runs on host "
                            + node.site().host()
                            + ", not on "
                            + localSite.alias()
                            + "'s host "
                            + localSite.host());
        }
        return node;
    }

    private CompletableFuture<ApiResponse> async(java.util.function.Supplier<ApiResponse> work) {
        return CompletableFuture.supplyAsync(work, executor);
    }
}
