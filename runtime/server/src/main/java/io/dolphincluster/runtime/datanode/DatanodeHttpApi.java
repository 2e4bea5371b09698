package io.dolphincluster.runtime.datanode;

import io.dolphincluster.runtime.http.ApiResponse;
import io.dolphincluster.runtime.http.Route;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A datanode's HTTP endpoints, for probes and operators: {@code GET /api/health} (the process serves),
 * {@code GET /api/ready} (registered with the leader and holding its metadata; 503 before), and
 * {@code GET /api/chunks} (the replicas on this node's disk) and {@code GET /metrics} ({@link DatanodeMetrics}).
 */
final class DatanodeHttpApi {
    private final String alias;
    private final DatanodeMembership membership;
    private final LocalReplicas replicas;
    private final Route metrics;

    DatanodeHttpApi(String alias, DatanodeMembership membership, LocalReplicas replicas, Route metrics) {
        this.metrics = metrics;
        this.alias = alias;
        this.membership = membership;
        this.replicas = replicas;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/api/health", r -> done(ApiResponse.ok(Map.of("status", "UP", "alias", alias)))),
                new Route("GET", "/api/ready", r -> done(ready())),
                new Route("GET", "/api/chunks", r -> CompletableFuture.supplyAsync(this::chunks)),
                metrics);
    }

    private ApiResponse ready() {
        boolean ready = membership.ready();
        return ApiResponse.status(ready ? 200 : 503, Map.of("ready", ready, "alias", alias));
    }

    private ApiResponse chunks() {
        try {
            List<Map<String, Object>> chunks = new java.util.ArrayList<>();
            for (String chunkId : new java.util.TreeSet<>(replicas.chunkIds())) {
                chunks.add(Map.of("id", chunkId, "lastSeq", replicas.read(chunkId).lastSeq()));
            }
            return ApiResponse.ok(Map.of("alias", alias, "chunks", chunks));
        } catch (Exception e) {
            return ApiResponse.status(500, Map.of("error", e.toString()));
        }
    }

    private static CompletableFuture<ApiResponse> done(ApiResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
