package io.dolphincluster.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dolphincluster.runtime.testkit.AdminClient;
import io.dolphincluster.runtime.testkit.ControllerCluster;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Re-replication after a datanode dies, with three controllers (factor 2, reliability level 1) and
 * four datanodes played by the test: datanode1 and datanode3 on machineA, datanode2 on machineB,
 * datanode4 on machineC. datanode2 falls silent; its replicas go out of sync, are replaced on a
 * proper machine after {@code dfsRecoveryWaitTime}, and are removed once the test reports the
 * replacements in sync.
 */
class RecoveryIT {
    private static final Map<String, String> MACHINES =
            Map.of(
                    "datanode1",
                    "machineA",
                    "datanode2",
                    "machineB",
                    "datanode3",
                    "machineA",
                    "datanode4",
                    "machineC");

    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void aDeadDatanodesReplicasAreReplacedOnAnotherMachineAndThenRemoved() throws Exception {
        ControllerCluster cluster =
                clusters.create(
                        3,
                        Map.of("dfsChunkNodeHeartBeatTimeout", "2", "dfsRecoveryWaitTime", "3000"));
        cluster.startAll();
        String leaderAlias = cluster.awaitLeader(Duration.ofSeconds(60));
        ControllerProcess leader = cluster.get(leaderAlias);
        AdminClient admin = leader.admin();
        try (FakeDatanodes datanodes = new FakeDatanodes(leader::admin, 300)) {
            int port = 18_921;
            for (String alias : List.of("datanode1", "datanode2", "datanode3", "datanode4")) {
                datanodes.register(alias, port++, MACHINES.get(alias), "");
            }
            assertThat(
                            admin.write(
                                            "POST",
                                            "/api/databases",
                                            Map.of(
                                                    "name",
                                                    "trades",
                                                    "partitionScheme",
                                                    "VALUE(date)"))
                                    .status())
                    .isEqualTo(200);
            assertThat(
                            admin.write(
                                            "POST",
                                            "/api/tables",
                                            Map.of(
                                                    "database",
                                                    "trades",
                                                    "name",
                                                    "quotes",
                                                    "partitionColumn",
                                                    "date",
                                                    "columns",
                                                    List.of(
                                                            Map.of("name", "date", "type", "DATE"),
                                                            Map.of(
                                                                    "name", "price", "type",
                                                                    "DOUBLE"))))
                                    .status())
                    .isEqualTo(200);
            List<String> ids = new ArrayList<>();
            for (int day = 1; day <= 6; day++) {
                AdminClient.Response chunk =
                        admin.write(
                                "POST",
                                "/api/chunks",
                                Map.of(
                                        "database",
                                        "trades",
                                        "table",
                                        "quotes",
                                        "partitionKey",
                                        "2024.01.0" + day));
                assertThat(chunk.status()).as("%s", chunk.body()).isEqualTo(200);
                assertOnDistinctMachines(chunk.body());
                ids.add(chunk.body().get("id").asText());
            }
            List<String> onDatanode2 =
                    ids.stream()
                            .filter(id -> replicasOf(chunk(admin, id)).containsKey("datanode2"))
                            .toList();
            assertThat(onDatanode2)
                    .as("datanode2, the only node on machineB, holds replicas")
                    .isNotEmpty();

            datanodes.silence("datanode2");

            await("datanode2's replicas out of sync on every controller")
                    .atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    cluster.all().stream()
                                            .allMatch(
                                                    c ->
                                                            onDatanode2.stream()
                                                                    .allMatch(
                                                                            id -> {
                                                                                JsonNode replica =
                                                                                        replicasOf(
                                                                                                        chunk(
                                                                                                                c
                                                                                                                        .admin(),
                                                                                                                id))
                                                                                                .get(
                                                                                                        "datanode2");
                                                                                return replica
                                                                                                != null
                                                                                        && !replica.get(
                                                                                                        "inSync")
                                                                                                .asBoolean();
                                                                            })));
            assertThat(leader.log())
                    .contains(
                            "["
                                    + leaderAlias
                                    + "] chunk "
                                    + onDatanode2.get(0)
                                    + ": replica on datanode2 out of sync (node down)");

            Map<String, String> replacements = new HashMap<>();
            await("a replacement for every chunk that was on datanode2")
                    .atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    onDatanode2.stream()
                                            .allMatch(
                                                    id ->
                                                            replicasOf(chunk(admin, id)).size()
                                                                    == 3));
            for (String id : onDatanode2) {
                JsonNode chunk = chunk(admin, id);
                Map<String, JsonNode> replicas = replicasOf(chunk);
                String added =
                        replicas.keySet().stream()
                                .filter(
                                        n ->
                                                !n.equals("datanode2")
                                                        && !replicas.get(n)
                                                                .get("inSync")
                                                                .asBoolean())
                                .findFirst()
                                .orElseThrow();
                assertThat(replicas.get(added).get("version").asLong()).isZero();
                assertOnDistinctMachines(chunk);
                replacements.put(id, added);
                assertThat(leader.log())
                        .contains(
                                "["
                                        + leaderAlias
                                        + "] chunk "
                                        + id
                                        + ": re-replicating to "
                                        + added);
            }

            for (Map.Entry<String, String> replacement : replacements.entrySet()) {
                AdminClient.Response inSync =
                        admin.write(
                                "POST",
                                "/api/chunks/"
                                        + replacement.getKey()
                                        + "/replicas/"
                                        + replacement.getValue(),
                                Map.of("inSync", true, "version", 0));
                assertThat(inSync.status()).as("%s", inSync.body()).isEqualTo(200);
            }

            await("datanode2's replicas removed on every controller")
                    .atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    cluster.all().stream()
                                            .allMatch(
                                                    c ->
                                                            onDatanode2.stream()
                                                                    .noneMatch(
                                                                            id ->
                                                                                    replicasOf(
                                                                                                    chunk(
                                                                                                            c
                                                                                                                    .admin(),
                                                                                                            id))
                                                                                            .containsKey(
                                                                                                    "datanode2"))));
            for (String id : ids) {
                JsonNode chunk = chunk(admin, id);
                assertThat(chunk.get("replicas")).hasSize(2);
                assertThat(chunk.get("replicas")).allMatch(r -> r.get("inSync").asBoolean());
                assertOnDistinctMachines(chunk);
            }
            assertThat(leader.log())
                    .contains(
                            "["
                                    + leaderAlias
                                    + "] chunk "
                                    + onDatanode2.get(0)
                                    + ": removed replica on datanode2");
        }
    }

    private static JsonNode chunk(AdminClient admin, String id) {
        AdminClient.Response response = admin.get("/api/chunks/" + id);
        if (!response.ok())
            throw new AssertionError("GET /api/chunks/" + id + " answered " + response.status());
        return response.body();
    }

    private static Map<String, JsonNode> replicasOf(JsonNode chunk) {
        Map<String, JsonNode> replicas = new HashMap<>();
        chunk.get("replicas").forEach(r -> replicas.put(r.get("node").asText(), r));
        return replicas;
    }

    /** dfsReplicaReliabilityLevel=1: no two replicas of a chunk on one machine. */
    private static void assertOnDistinctMachines(JsonNode chunk) {
        Set<String> machines = new HashSet<>();
        for (JsonNode replica : chunk.get("replicas")) {
            assertThat(machines.add(MACHINES.get(replica.get("node").asText())))
                    .as("replicas of %s on distinct machines", chunk)
                    .isTrue();
        }
    }
}
