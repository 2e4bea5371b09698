package io.dolphincluster.runtime.controller.api;

import io.dolphincluster.adminapi.AdminRoutes;
import io.dolphincluster.adminapi.ChunkRequest;
import io.dolphincluster.adminapi.ReplicaUpdate;
import io.dolphincluster.runtime.controller.leader.LeaderRouting;
import io.dolphincluster.runtime.http.Access;
import io.dolphincluster.runtime.http.ApiException;
import io.dolphincluster.runtime.http.ApiRequest;
import io.dolphincluster.runtime.http.ApiResponse;
import io.dolphincluster.runtime.http.Route;
import io.dolphincluster.runtime.metadata.ChunkIds;
import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.metadata.ClusterMetadata;
import io.dolphincluster.runtime.metadata.MetadataCommand;
import io.dolphincluster.runtime.metadata.MetadataSnapshot;
import io.dolphincluster.runtime.metadata.NodeInfo;
import io.dolphincluster.runtime.metadata.NodeState;
import io.dolphincluster.runtime.metadata.ReplicaInfo;
import io.dolphincluster.runtime.placement.Candidate;
import io.dolphincluster.runtime.placement.PlacementException;
import io.dolphincluster.runtime.placement.PlacementPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chunk endpoints the data plane uses. Chunk ids are {@link ChunkIds#of}; creation places the
 * replicas with {@link PlacementPolicy} on the leader and writes the decision into the log. The
 * reads are for any user; creating chunks and changing replicas are for member nodes only (the
 * datanodes act on them: a replica removed here is deleted).
 *
 * <ul>
 *   <li>{@code POST /api/chunks} {@code {database, table, partitionKey}}: the chunk, created if
 *       absent (leader); 404 for an unknown database or table, 422 with the reason when no
 *       placement meets the rules;
 *   <li>{@code GET /api/chunks?database=&table=} (any controller), {@code GET /api/chunks/{id}};
 *   <li>{@code POST /api/chunks/{id}/replicas/{node}} {@code {inSync, version, expectedEpoch}}:
 *       sets a replica, adding it if absent (leader); 409 when it would mark the last in-sync
 *       replica out of sync, or when {@code expectedEpoch} is given and the chunk's epoch is
 *       another; the answer is the chunk at its new epoch;
 *   <li>{@code DELETE /api/chunks/{id}/replicas/{node}?expectedEpoch=}: removes a replica (leader);
 *       409 for the last in-sync one and for another epoch;
 *   <li>{@code GET /api/replication} (any controller): the replication factor and every chunk with
 *       its state, {@code healthy}, {@code under_replicated} or {@code unavailable} (see {@link
 *       ControllerMetrics#chunkState}).
 * </ul>
 */
public final class ChunkApi {
    private static final Logger log = LoggerFactory.getLogger(ChunkApi.class);
    private static final int MAX_PARTITION_KEY_LENGTH = 256;

    private final String alias;
    private final ClusterMetadata metadata;
    private final LeaderRouting routing;
    private final PlacementPolicy placement;

    public ChunkApi(
            String alias,
            ClusterMetadata metadata,
            LeaderRouting routing,
            PlacementPolicy placement) {
        this.alias = alias;
        this.metadata = metadata;
        this.routing = routing;
        this.placement = placement;
    }

    public List<Route> routes() {
        return List.of(
                new Route(
                        AdminRoutes.CHUNKS,
                        Access.USER,
                        r ->
                                ok(
                                        Map.of(
                                                "chunks",
                                                metadata.chunks(
                                                        r.queryParam("database"),
                                                        r.queryParam("table"))))),
                new Route(
                        AdminRoutes.CHUNK, Access.USER, r -> ok(existingChunk(r.pathParam("id")))),
                new Route(AdminRoutes.REPLICATION, Access.USER, r -> ok(replication())),
                new Route(
                        AdminRoutes.CREATE_CHUNK,
                        Access.MEMBER,
                        r -> routing.onLeader(r, () -> create(r))),
                new Route(
                        AdminRoutes.SET_REPLICA,
                        Access.MEMBER,
                        r -> routing.onLeader(r, () -> setReplica(r))),
                new Route(
                        AdminRoutes.REMOVE_REPLICA,
                        Access.MEMBER,
                        r -> routing.onLeader(r, () -> removeReplica(r))));
    }

    private Map<String, Object> replication() {
        MetadataSnapshot snapshot = metadata.placementSnapshot();
        Set<String> up =
                snapshot.nodes().stream()
                        .filter(n -> n.state() == NodeState.UP)
                        .map(NodeInfo::alias)
                        .collect(Collectors.toSet());
        List<Map<String, Object>> chunks =
                snapshot.chunks().stream()
                        .map(
                                c -> {
                                    Map<String, Object> row = new LinkedHashMap<>();
                                    row.put("id", c.id());
                                    row.put("database", c.database());
                                    row.put("table", c.table());
                                    row.put("partitionKey", c.partitionKey());
                                    row.put("replicas", c.replicas());
                                    row.put(
                                            "state",
                                            ControllerMetrics.chunkState(
                                                    c, up, placement.factor()));
                                    return row;
                                })
                        .toList();
        return Map.of("replicationFactor", placement.factor(), "chunks", chunks);
    }

    private CompletableFuture<ApiResponse> create(ApiRequest request) {
        ChunkRequest body = request.bodyAs(ChunkRequest.class);
        if (body.database() == null || body.table() == null || body.partitionKey() == null) {
            throw ApiException.badRequest("database, table and partitionKey are required");
        }
        if (body.partitionKey().length() > MAX_PARTITION_KEY_LENGTH) {
            throw ApiException.badRequest(
                    "partitionKey is longer than " + MAX_PARTITION_KEY_LENGTH + " characters");
        }
        if (!metadata.hasDatabase(body.database()))
            throw new ApiException(404, "no database " + body.database());
        if (!metadata.hasTable(body.database(), body.table())) {
            throw new ApiException(
                    404, "no table " + body.table() + " in database " + body.database());
        }
        String id = ChunkIds.of(body.database(), body.table(), body.partitionKey());
        var existing = metadata.chunk(id);
        if (existing.isPresent()) return ok(existing.get());
        List<String> nodes;
        try {
            nodes = placement.choose(Candidate.liveDatanodes(metadata.placementSnapshot()));
        } catch (PlacementException e) {
            log.warn("[{}] chunk {} not created: {}", alias, id, e.getMessage());
            throw new ApiException(422, e.getMessage());
        }
        return routing.commit(
                        new MetadataCommand.CreateChunk(
                                id, body.database(), body.table(), body.partitionKey(), nodes))
                .thenApply(
                        result -> {
                            // Refused because a concurrent request created it first: that chunk is
                            // the answer.
                            var chunk = metadata.chunk(id);
                            if (chunk.isEmpty()) throw ApiException.conflict(result.message());
                            if (result.applied())
                                log.info("[{}] chunk {}: created on {}", alias, id, nodes);
                            return ApiResponse.ok(chunk.get());
                        });
    }

    private CompletableFuture<ApiResponse> setReplica(ApiRequest request) {
        ChunkInfo chunk = existingChunk(request.pathParam("id"));
        String node = request.pathParam("node");
        if (metadata.node(node).isEmpty()) throw new ApiException(404, "unknown node " + node);
        ReplicaUpdate body = request.bodyAs(ReplicaUpdate.class);
        if (body.inSync() == null)
            throw ApiException.badRequest("inSync is required (true or false)");
        long currentVersion =
                chunk.replicas().stream()
                        .filter(r -> r.node().equals(node))
                        .mapToLong(ReplicaInfo::version)
                        .findFirst()
                        .orElse(0);
        long version = body.version() == null ? currentVersion : body.version();
        if (version < 0)
            throw ApiException.badRequest("version must not be negative, got " + version);
        long expectedEpoch = body.expectedEpoch() == null ? 0 : body.expectedEpoch();
        return routing.commit(
                        new MetadataCommand.SetReplica(
                                chunk.id(), node, version, body.inSync(), false, expectedEpoch))
                .thenApply(
                        result -> {
                            if (!result.applied()) throw ApiException.conflict(result.message());
                            log.info(
                                    "[{}] chunk {}: replica on {} {} at version {} (epoch {})",
                                    alias,
                                    chunk.id(),
                                    node,
                                    body.inSync() ? "in sync" : "out of sync",
                                    version,
                                    epochOf(chunk.id()));
                            return ApiResponse.ok(metadata.chunk(chunk.id()).orElse(null));
                        });
    }

    private CompletableFuture<ApiResponse> removeReplica(ApiRequest request) {
        ChunkInfo chunk = existingChunk(request.pathParam("id"));
        String node = request.pathParam("node");
        if (chunk.replicas().stream().noneMatch(r -> r.node().equals(node))) {
            throw new ApiException(404, "chunk " + chunk.id() + " has no replica on " + node);
        }
        long expectedEpoch = epochParam(request);
        return routing.commit(
                        new MetadataCommand.SetReplica(
                                chunk.id(), node, 0, false, true, expectedEpoch))
                .thenApply(
                        result -> {
                            if (!result.applied()) throw ApiException.conflict(result.message());
                            log.info(
                                    "[{}] chunk {}: removed replica on {} (epoch {})",
                                    alias,
                                    chunk.id(),
                                    node,
                                    epochOf(chunk.id()));
                            return ApiResponse.ok(metadata.chunk(chunk.id()).orElse(null));
                        });
    }

    private long epochOf(String chunkId) {
        return metadata.chunk(chunkId).map(ChunkInfo::epoch).orElse(0L);
    }

    private static long epochParam(ApiRequest request) {
        String value = request.queryParam("expectedEpoch");
        if (value == null || value.isEmpty()) return 0;
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("expectedEpoch must be a number, got " + value);
        }
    }

    private ChunkInfo existingChunk(String id) {
        return metadata.chunk(id).orElseThrow(() -> new ApiException(404, "no chunk " + id));
    }

    private static CompletableFuture<ApiResponse> ok(Object body) {
        return CompletableFuture.completedFuture(ApiResponse.ok(body));
    }
}
