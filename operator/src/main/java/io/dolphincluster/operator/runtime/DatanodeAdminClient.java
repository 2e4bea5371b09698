package io.dolphincluster.operator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Datanodes through the controllers' HTTP API: the metadata's list of them, how many chunk replicas
 * a draining one still holds, chunk health; and drain, un-drain and forget, which only the leader
 * does.
 */
public class DatanodeAdminClient {
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private final RuntimeHttp http;

    public DatanodeAdminClient(Duration timeout) {
        this.http = new RuntimeHttp(timeout);
    }

    /** GET /api/nodes: the datanodes in the metadata by alias, empty when no answer. */
    public Optional<Map<String, DatanodeRow>> datanodes(URI controller, ClusterAccess access) {
        return http.get(controller, "/api/nodes", access)
                .map(
                        body -> {
                            Map<String, DatanodeRow> rows = new TreeMap<>();
                            for (JsonNode node : body.path("nodes")) {
                                if ("datanode".equals(node.path("mode").asText())) {
                                    String alias = node.path("alias").asText();
                                    rows.put(
                                            alias,
                                            new DatanodeRow(
                                                    alias,
                                                    node.path("state").asText(),
                                                    node.path("draining").asBoolean(false)));
                                }
                            }
                            return rows;
                        });
    }

    /** GET /api/admin/datanodes/{alias}/drain: the chunk replicas it still holds. */
    public OptionalInt replicasHeld(URI controller, String alias, ClusterAccess access) {
        return http.get(controller, "/api/admin/datanodes/" + alias + "/drain", access)
                .filter(body -> body.has("replicas"))
                .map(body -> OptionalInt.of(body.path("replicas").asInt()))
                .orElse(OptionalInt.empty());
    }

    /**
     * GET /api/replication: whether every chunk is "healthy" (its full set of in-sync replicas on
     * live nodes).
     */
    public Optional<Boolean> everyChunkHealthy(URI controller, ClusterAccess access) {
        return http.get(controller, "/api/replication", access)
                .map(
                        body -> {
                            for (JsonNode chunk : body.path("chunks")) {
                                if (!"healthy".equals(chunk.path("state").asText())) {
                                    return false;
                                }
                            }
                            return true;
                        });
    }

    public AdminReply drain(URI leader, String alias, ClusterAccess access) {
        return http.send(
                "POST", leader, "/api/admin/datanodes/" + alias + "/drain", null, access, PATIENCE);
    }

    public AdminReply undrain(URI leader, String alias, ClusterAccess access) {
        return http.send(
                "DELETE",
                leader,
                "/api/admin/datanodes/" + alias + "/drain",
                null,
                access,
                PATIENCE);
    }

    public AdminReply forget(URI leader, String alias, ClusterAccess access) {
        return http.send("DELETE", leader, "/api/admin/datanodes/" + alias, null, access, PATIENCE);
    }
}
