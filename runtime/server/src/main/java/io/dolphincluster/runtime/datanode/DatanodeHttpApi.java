package io.dolphincluster.runtime.datanode;

import io.dolphincluster.runtime.http.Access;
import io.dolphincluster.runtime.http.ApiResponse;
import io.dolphincluster.runtime.http.Route;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * A datanode's HTTP endpoints, for probes and operators: {@code GET /api/health} (the process
 * serves), {@code GET /api/ready} (registered with the leader and holding its metadata; 503
 * before), and {@code GET /api/chunks} (the replicas on this node's disk: any user or member) and
 * {@code GET /metrics} ({@link DatanodeMetrics}). Health, readiness and metrics are open.
 */
final class DatanodeHttpApi {
    private final String alias;
    private final BooleanSupplier ready;
    private final LocalReplicas replicas;
    private final Route metrics;

    DatanodeHttpApi(String alias, BooleanSupplier ready, LocalReplicas replicas, Route metrics) {
        this.metrics = metrics;
        this.alias = alias;
        this.ready = ready;
        this.replicas = replicas;
    }

    List<Route> routes() {
        return List.of(
                new Route(
                        "GET",
                        "/api/health",
                        Access.PUBLIC,
                        r -> done(ApiResponse.ok(Map.of("status", "UP", "alias", alias)))),
                new Route("GET", "/api/ready", Access.PUBLIC, r -> done(readiness())),
                new Route(
                        "GET",
                        "/api/chunks",
                        Access.USER,
                        r -> CompletableFuture.supplyAsync(this::chunks)),
                metrics);
    }

    private ApiResponse readiness() {
        boolean isReady = ready.getAsBoolean();
        return ApiResponse.status(isReady ? 200 : 503, Map.of("ready", isReady, "alias", alias));
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
