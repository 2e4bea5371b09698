package io.dolphincluster.runtime.controller.api;

import io.dolphincluster.adminapi.AdminRoutes;
import io.dolphincluster.adminapi.DrainProgress;
import io.dolphincluster.runtime.controller.leader.LeaderRouting;
import io.dolphincluster.runtime.controller.leader.LivenessMonitor;
import io.dolphincluster.runtime.controller.leader.RecoveryMonitor;
import io.dolphincluster.runtime.http.Access;
import io.dolphincluster.runtime.http.ApiException;
import io.dolphincluster.runtime.http.ApiRequest;
import io.dolphincluster.runtime.http.ApiResponse;
import io.dolphincluster.runtime.http.Route;
import io.dolphincluster.runtime.metadata.ClusterMetadata;
import io.dolphincluster.runtime.metadata.CommandResult;
import io.dolphincluster.runtime.metadata.MetadataCommand;
import io.dolphincluster.runtime.metadata.NodeInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draining and forgetting datanodes, for scaling them down safely:
 *
 * <ul>
 *   <li>{@code POST /api/admin/datanodes/{alias}/drain} (leader, admin): marks the datanode
 *       draining; it then receives no new replica and its replicas move to other datanodes ({@link
 *       RecoveryMonitor}). Idempotent.
 *   <li>{@code DELETE /api/admin/datanodes/{alias}/drain} (leader, admin): clears the mark (a
 *       reversed scale-down); replicas already moved stay where they are. Idempotent.
 *   <li>{@code GET /api/admin/datanodes/{alias}/drain} (any controller): the progress.
 *   <li>{@code DELETE /api/admin/datanodes/{alias}} (leader, admin): removes the datanode from the
 *       metadata; 409 while it holds a replica, or while it is up and not draining; 404 when it is
 *       not (or no longer) known.
 * </ul>
 *
 * <p>All three drain routes answer {@code {"alias", "draining", "replicas", "state"}}, where {@code
 * replicas} is the number of chunks with a replica (in sync or not) on the node. 404: unknown node;
 * 400: not a datanode.
 */
public final class DrainApi {
    private static final Logger log = LoggerFactory.getLogger(DrainApi.class);

    private final String alias;
    private final ClusterMetadata metadata;
    private final LeaderRouting routing;
    private final LivenessMonitor liveness;
    private final Predicate<String> isController;

    /**
     * @param isController whether an alias is a controller's (they are not in the node metadata)
     */
    public DrainApi(
            String alias,
            ClusterMetadata metadata,
            LeaderRouting routing,
            LivenessMonitor liveness,
            Predicate<String> isController) {
        this.isController = isController;
        this.alias = alias;
        this.metadata = metadata;
        this.routing = routing;
        this.liveness = liveness;
    }

    public List<Route> routes() {
        return List.of(
                new Route(AdminRoutes.DRAIN_PROGRESS, Access.USER, r -> ok(status(datanode(r)))),
                new Route(
                        AdminRoutes.DRAIN,
                        Access.ADMIN,
                        r -> routing.onLeader(r, () -> setDraining(r, true))),
                new Route(
                        AdminRoutes.UNDRAIN,
                        Access.ADMIN,
                        r -> routing.onLeader(r, () -> setDraining(r, false))),
                new Route(
                        AdminRoutes.FORGET_DATANODE,
                        Access.ADMIN,
                        r -> routing.onLeader(r, () -> forget(r))));
    }

    private CompletableFuture<ApiResponse> setDraining(ApiRequest request, boolean draining) {
        NodeInfo node = datanode(request);
        if (node.draining() == draining) return ok(status(node));
        return routing.commit(new MetadataCommand.SetNodeDraining(node.alias(), draining))
                .thenApply(
                        result -> {
                            NodeInfo now =
                                    metadata.node(node.alias())
                                            .orElseThrow(
                                                    () ->
                                                            new ApiException(
                                                                    404,
                                                                    "no node " + node.alias()));
                            // Refused only when it already was in that state (a concurrent request)
                            // or went away meanwhile.
                            if (now.draining() != draining)
                                throw ApiException.conflict(result.message());
                            DrainProgress body = status(now);
                            if (result.applied()) {
                                log.info(
                                        "[{}] datanode {} {} ({} chunk replicas on it)",
                                        alias,
                                        node.alias(),
                                        draining ? "is draining" : "is no longer draining",
                                        body.replicas());
                            }
                            return ApiResponse.ok(body);
                        });
    }

    private CompletableFuture<ApiResponse> forget(ApiRequest request) {
        NodeInfo node = datanode(request);
        return routing.commit(new MetadataCommand.ForgetNode(node.alias()))
                .thenApply(
                        result -> {
                            if (!result.applied()) throw ApiException.conflict(result.message());
                            liveness.forget(node.alias());
                            log.info(
                                    "[{}] datanode {} forgotten (it was {}{})",
                                    alias,
                                    node.alias(),
                                    node.state(),
                                    node.draining() ? ", draining" : "");
                            return ApiResponse.ok(forgotten(node.alias(), result));
                        });
    }

    private NodeInfo datanode(ApiRequest request) {
        String nodeAlias = request.pathParam("alias");
        if (isController.test(nodeAlias))
            throw ApiException.badRequest(nodeAlias + " is not a datanode but a controller");
        NodeInfo node =
                metadata.node(nodeAlias)
                        .orElseThrow(() -> new ApiException(404, "no datanode " + nodeAlias));
        if (!"datanode".equals(node.mode())) {
            throw ApiException.badRequest(nodeAlias + " is not a datanode but " + node.mode());
        }
        return node;
    }

    private DrainProgress status(NodeInfo node) {
        return new DrainProgress(
                node.alias(),
                node.draining(),
                metadata.replicasOn(node.alias()),
                node.state().name());
    }

    private static Map<String, Object> forgotten(String nodeAlias, CommandResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alias", nodeAlias);
        body.put("forgotten", true);
        body.put("message", result.message());
        return body;
    }

    private static CompletableFuture<ApiResponse> ok(Object body) {
        return CompletableFuture.completedFuture(ApiResponse.ok(body));
    }
}
