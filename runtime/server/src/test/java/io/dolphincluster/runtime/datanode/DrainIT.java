package io.dolphincluster.runtime.datanode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dolphincluster.runtime.testkit.AdminClient;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import io.dolphincluster.runtime.testkit.DataCluster;
import io.dolphincluster.runtime.testkit.DatanodeProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Draining a datanode while the HA client keeps writing: its replicas move to the other datanodes
 * (the one drained is the primary of some chunks, so the primary role is handed over too), no
 * acknowledged row is lost or doubled, the drained datanode can then be killed without any effect
 * on queries, and it is forgotten.
 */
class DrainIT {
    private static final String CHUNKS = "/api/chunks?database=ha&table=events";

    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void aDrainedDatanodeLeavesWithoutLosingAnAcknowledgedRow() throws Exception {
        DataCluster cluster =
                clusters.createData(3, Map.of("dfsChunkNodeHeartBeatTimeout", "3"), 1, 1, 1, 1);
        cluster.startAll(Duration.ofSeconds(90));
        DatanodeProcess entry = cluster.datanode("datanode1");
        EventsTable.create(entry);
        AdminClient controller = cluster.controllers().all().get(0).admin();

        try (Ingest ingest = new Ingest(entry)) {
            ingest.start();
            ingest.awaitMoreBatches(20);
            DatanodeProcess drained = busiestPrimaryOtherThan(controller, entry.alias(), cluster);

            AdminClient.Response drain =
                    controller.write(
                            "POST", "/api/admin/datanodes/" + drained.alias() + "/drain", null);
            assertThat(drain.status()).as(drain.toString()).isEqualTo(200);
            assertThat(drain.body().get("draining").asBoolean()).isTrue();
            assertThat(
                            controller
                                    .write(
                                            "POST",
                                            "/api/admin/datanodes/" + drained.alias() + "/drain",
                                            null)
                                    .status())
                    .as("draining twice")
                    .isEqualTo(200);

            await(
                            drained.alias()
                                    + " holds no replica and every chunk has 2 in-sync replicas elsewhere")
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(300))
                    .ignoreExceptions()
                    .until(
                            () ->
                                    drainStatus(controller, drained).get("replicas").asLong() == 0
                                            && chunks(controller).stream()
                                                    .allMatch(
                                                            c ->
                                                                    settledWithout(
                                                                            c, drained.alias())));
            ingest.awaitMoreBatches(10); // writes go on once the new primaries have taken over
            ingest.stop();

            assertThat(ingest.failures()).as("appends that failed even with failover").isEmpty();
            LedgerCheck.verify(entry, ingest.ledger());
            assertThat(controller.get("/api/nodes").body().get("nodes"))
                    .anySatisfy(
                            n -> {
                                assertThat(n.get("alias").asText()).isEqualTo(drained.alias());
                                assertThat(n.get("draining").asBoolean()).isTrue();
                            });

            assertThat(drained.log())
                    .as("the drained primary handed its chunks over itself")
                    .contains("replica on draining " + drained.alias() + " released");

            drained.kill();
            LedgerCheck.verify(entry, ingest.ledger());

            AdminClient.Response forget =
                    controller.write("DELETE", "/api/admin/datanodes/" + drained.alias(), null);
            assertThat(forget.status()).as(forget.toString()).isEqualTo(200);
            assertThat(
                            controller
                                    .write(
                                            "DELETE",
                                            "/api/admin/datanodes/" + drained.alias(),
                                            null)
                                    .status())
                    .as("forgetting twice")
                    .isEqualTo(404);
            await("every controller forgot " + drained.alias())
                    .atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(
                            () ->
                                    cluster.controllers().running().stream()
                                            .allMatch(c -> !lists(c, drained.alias())));
            LedgerCheck.verify(entry, ingest.ledger());
        }
    }

    @Test
    void theDrainRoutesAnswerForEveryKindOfAlias() throws Exception {
        DataCluster cluster = clusters.createData(3, Map.of(), 1, 1);
        cluster.startAll(Duration.ofSeconds(90));
        String leader = cluster.controllers().awaitLeader(Duration.ofSeconds(60));
        ControllerProcess follower =
                cluster.controllers().all().stream()
                        .filter(c -> !c.alias().equals(leader))
                        .findFirst()
                        .orElseThrow();
        AdminClient controller = follower.admin();

        assertThat(controller.send("POST", "/api/admin/datanodes/datanode2/drain", null).status())
                .as("a follower redirects")
                .isEqualTo(307);
        assertThat(controller.write("POST", "/api/admin/datanodes/nosuchnode/drain", null).status())
                .isEqualTo(404);
        assertThat(
                        controller
                                .write("POST", "/api/admin/datanodes/" + leader + "/drain", null)
                                .status())
                .isEqualTo(400);
        assertThat(controller.get("/api/admin/datanodes/nosuchnode/drain").status()).isEqualTo(404);
        AdminClient.Response upNotDraining =
                controller.write("DELETE", "/api/admin/datanodes/datanode2", null);
        assertThat(upNotDraining.status()).as(upNotDraining.toString()).isEqualTo(409);

        AdminClient.Response drain =
                controller.write("POST", "/api/admin/datanodes/datanode2/drain", null);
        assertThat(drain.status()).isEqualTo(200);
        assertThat(fieldNames(drain.body()))
                .containsExactly("alias", "draining", "replicas", "state");
        await("a follower sees the drain")
                .atMost(Duration.ofSeconds(10))
                .until(
                        () ->
                                controller
                                        .get("/api/admin/datanodes/datanode2/drain")
                                        .body()
                                        .get("draining")
                                        .asBoolean());
        AdminClient.Response undrain =
                controller.write("DELETE", "/api/admin/datanodes/datanode2/drain", null);
        assertThat(undrain.status()).isEqualTo(200);
        assertThat(undrain.body().get("draining").asBoolean()).isFalse();
        assertThat(
                        controller
                                .write("DELETE", "/api/admin/datanodes/datanode2/drain", null)
                                .status())
                .as("undraining twice")
                .isEqualTo(200);
    }

    /**
     * The datanode (other than the client's) that is the primary of the most chunks, so the
     * handover is exercised.
     */
    private static DatanodeProcess busiestPrimaryOtherThan(
            AdminClient controller, String excluded, DataCluster cluster) {
        Map<String, Integer> primaries = new TreeMap<>();
        for (JsonNode chunk : chunks(controller)) {
            for (JsonNode replica : chunk.get("replicas")) {
                if (replica.get("inSync").asBoolean()) {
                    primaries.merge(replica.get("node").asText(), 1, Integer::sum);
                    break;
                }
            }
        }
        String alias =
                primaries.entrySet().stream()
                        .filter(e -> !e.getKey().equals(excluded))
                        .max(Map.Entry.comparingByValue())
                        .map(Map.Entry::getKey)
                        .orElseThrow(
                                () ->
                                        new AssertionError(
                                                "no chunk has a primary other than "
                                                        + excluded
                                                        + ": "
                                                        + primaries));
        return cluster.datanode(alias);
    }

    private static JsonNode drainStatus(AdminClient controller, DatanodeProcess datanode) {
        return controller.get("/api/admin/datanodes/" + datanode.alias() + "/drain").body();
    }

    private static boolean settledWithout(JsonNode chunk, String drained) {
        int inSync = 0;
        for (JsonNode replica : chunk.get("replicas")) {
            if (replica.get("node").asText().equals(drained)) return false;
            if (replica.get("inSync").asBoolean()) inSync++;
        }
        return inSync == 2;
    }

    private static List<JsonNode> chunks(AdminClient controller) {
        List<JsonNode> chunks = new ArrayList<>();
        controller.get(CHUNKS).body().get("chunks").forEach(chunks::add);
        chunks.sort(Comparator.comparing(c -> c.get("id").asText()));
        return chunks;
    }

    private static boolean lists(ControllerProcess controller, String alias) {
        for (JsonNode node : controller.admin().get("/api/nodes").body().get("nodes")) {
            if (node.get("alias").asText().equals(alias)) return true;
        }
        return false;
    }

    private static List<String> fieldNames(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
