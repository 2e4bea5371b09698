package io.dolphincluster.operator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.dolphincluster.adminapi.AdminRoutes;
import io.dolphincluster.adminapi.DrainProgress;
import io.dolphincluster.adminapi.Endpoint;
import io.dolphincluster.adminapi.NodesAnswer;
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
        return http.get(controller, AdminRoutes.NODES.path(), access, NodesAnswer.class)
                .map(
                        answer -> {
                            Map<String, DatanodeRow> rows = new TreeMap<>();
                            for (NodesAnswer.NodeRow node : answer.nodes()) {
                                if ("datanode".equals(node.mode())) {
                                    rows.put(
                                            node.alias(),
                                            new DatanodeRow(
                                                    node.alias(), node.state(), node.draining()));
                                }
                            }
                            return rows;
                        });
    }

    /** GET /api/admin/datanodes/{alias}/drain: the chunk replicas it still holds. */
    public OptionalInt replicasHeld(URI controller, String alias, ClusterAccess access) {
        return http.get(
                        controller,
                        AdminRoutes.DRAIN_PROGRESS.path(alias),
                        access,
                        DrainProgress.class)
                .map(progress -> OptionalInt.of((int) progress.replicas()))
                .orElse(OptionalInt.empty());
    }

    /**
     * GET /api/replication: whether every chunk is "healthy" (its full set of in-sync replicas on
     * live nodes).
     */
    public Optional<Boolean> everyChunkHealthy(URI controller, ClusterAccess access) {
        return http.get(controller, AdminRoutes.REPLICATION.path(), access)
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
        return send(AdminRoutes.DRAIN, leader, alias, access);
    }

    public AdminReply undrain(URI leader, String alias, ClusterAccess access) {
        return send(AdminRoutes.UNDRAIN, leader, alias, access);
    }

    public AdminReply forget(URI leader, String alias, ClusterAccess access) {
        return send(AdminRoutes.FORGET_DATANODE, leader, alias, access);
    }

    private AdminReply send(Endpoint endpoint, URI leader, String alias, ClusterAccess access) {
        return http.send(endpoint.method(), leader, endpoint.path(alias), null, access, PATIENCE);
    }
}
