package io.dolphincluster.runtime.datanode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dolphincluster.client.DBConnection;
import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.query.Aggregate;
import io.dolphincluster.protocol.query.Query;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import io.dolphincluster.runtime.testkit.DataCluster;
import io.dolphincluster.runtime.testkit.DatanodeProcess;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A datanode stays down longer than {@code dfsRecoveryWaitTime}: its chunks are copied elsewhere
 * until every chunk has two in-sync replicas on live nodes again, and with reliability level 1 the
 * replicas of every chunk are on distinct machines (checked from the metadata, chunk by chunk). The
 * data stays whole.
 */
class DatanodeRecoveryIT {
    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void replicasOfADeadDatanodeAreRebuiltOnOtherMachines() throws Exception {
        DataCluster cluster =
                clusters.createData(
                        3,
                        Map.of("dfsChunkNodeHeartBeatTimeout", "3", "dfsRecoveryWaitTime", "3000"),
                        2,
                        1,
                        1);
        cluster.startAll(Duration.ofSeconds(90));
        DatanodeProcess entry = cluster.datanode("datanode1");
        long expectedSum = 0;
        try (DBConnection client = CorruptReplicaIT.connect(entry)) {
            client.createDatabase("dfs://recover", "VALUE");
            client.createTable("dfs://recover", "events", EventsTable.SCHEMA, "day");
            List<List<Object>> rows = new ArrayList<>();
            for (long id = 0; id < 4000; id++) {
                rows.add(
                        List.of(
                                id,
                                LocalDate.of(2024, 5, 1 + (int) (id % 8)),
                                EventsTable.qtyOf(id)));
                expectedSum += EventsTable.qtyOf(id);
            }
            client.append("dfs://recover", "events", new RowBatch(EventsTable.SCHEMA, rows));
        }
        ControllerProcess controller = cluster.controllers().all().get(0);
        DatanodeProcess dead = cluster.datanode("datanode3"); // machine2's only datanode
        assertThat(chunks(controller))
                .anySatisfy(chunk -> assertThat(replicaNodes(chunk)).contains(dead.alias()));
        dead.kill();

        await("every chunk has 2 in-sync replicas on live datanodes, none on " + dead.alias())
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () ->
                                chunks(controller).stream()
                                        .allMatch(
                                                chunk ->
                                                        fullyReplicatedWithout(
                                                                chunk, dead.alias())));

        Map<String, String> machineOf = machines(controller);
        for (JsonNode chunk : chunks(controller)) {
            Set<String> machines = new HashSet<>();
            for (String node : replicaNodes(chunk)) machines.add(machineOf.get(node));
            assertThat(machines).as("machines of chunk " + chunk.get("id").asText()).hasSize(2);
        }
        try (DBConnection client = CorruptReplicaIT.connect(entry)) {
            RowBatch totals =
                    client.query(
                            Query.from("dfs://recover", "events")
                                    .aggregate(Aggregate.Fn.COUNT, null)
                                    .aggregate(Aggregate.Fn.SUM, "qty"));
            assertThat(totals.rows().get(0)).containsExactly(4000L, expectedSum);
        }
    }

    private static boolean fullyReplicatedWithout(JsonNode chunk, String dead) {
        List<String> nodes = replicaNodes(chunk);
        if (nodes.contains(dead) || nodes.size() != 2) return false;
        for (JsonNode replica : chunk.get("replicas"))
            if (!replica.get("inSync").asBoolean()) return false;
        return true;
    }

    private static List<JsonNode> chunks(ControllerProcess controller) {
        List<JsonNode> chunks = new ArrayList<>();
        controller
                .admin()
                .get("/api/chunks?database=recover&table=events")
                .body()
                .get("chunks")
                .forEach(chunks::add);
        return chunks;
    }

    private static List<String> replicaNodes(JsonNode chunk) {
        List<String> nodes = new ArrayList<>();
        chunk.get("replicas").forEach(replica -> nodes.add(replica.get("node").asText()));
        return nodes;
    }

    private static Map<String, String> machines(ControllerProcess controller) {
        Map<String, String> machines = new HashMap<>();
        controller
                .admin()
                .get("/api/nodes")
                .body()
                .get("nodes")
                .forEach(
                        node ->
                                machines.put(
                                        node.get("alias").asText(), node.get("machine").asText()));
        return machines;
    }
}
