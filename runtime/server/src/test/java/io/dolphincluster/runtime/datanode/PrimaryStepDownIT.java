package io.dolphincluster.runtime.datanode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import io.dolphincluster.runtime.testkit.DataCluster;
import io.dolphincluster.runtime.testkit.DatanodeProcess;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A datanode stopped with SIGTERM (a rolling restart, a pod deleted) hands the chunks it leads to their other
 * in-sync replica before it goes. The leader is set to notice a silent datanode only after 60 s, so writes go
 * on within the test's 20 s only because of that hand-over; nothing acknowledged is lost, and the node catches
 * up when it is back.
 */
class PrimaryStepDownIT {
    @RegisterExtension
    final ControllerClusters clusters = new ControllerClusters();

    @Test
    void aStoppingDatanodeHandsOverTheChunksItLeads() throws Exception {
        DataCluster cluster = clusters.createData(3, Map.of("dfsChunkNodeHeartBeatTimeout", "60"), 1, 1, 1);
        cluster.startAll(Duration.ofSeconds(90));
        DatanodeProcess first = cluster.datanode("datanode1");
        EventsTable.create(first);

        try (Ingest ingest = new Ingest(first)) {
            ingest.start();
            ingest.awaitMoreBatches(20);
            DatanodeProcess connected = ingest.connectedDatanode(cluster);
            Map<String, Integer> led = chunksLedBy(cluster.controllers().all().get(0));
            DatanodeProcess leaving = cluster.datanodes().stream().filter(d -> d != connected)
                    .max(Comparator.comparingInt(d -> led.getOrDefault(d.alias(), 0))).orElseThrow();
            assertThat(led.getOrDefault(leaving.alias(), 0)).as("chunks led by " + leaving.alias() + " in " + led)
                    .isPositive();

            leaving.stop();

            assertThat(leaving.log()).contains("stopping: handed").doesNotContain("stopping: handed 0 ");
            ingest.awaitMoreBatches(20, Duration.ofSeconds(20));
            leaving.start();
            cluster.awaitEveryReplicaInSync(Duration.ofSeconds(90));
            ingest.awaitMoreBatches(10);
            ingest.stop();
            assertThat(ingest.failures()).as("appends that failed even with failover").isEmpty();
            LedgerCheck.verify(first, ingest.ledger());
        }
    }

    /** Chunks per primary: the first in-sync replica of each chunk (every datanode is up here). */
    private static Map<String, Integer> chunksLedBy(ControllerProcess controller) {
        Map<String, Integer> led = new TreeMap<>();
        for (JsonNode chunk : controller.admin().get("/api/chunks?database=ha&table=events").body().get("chunks")) {
            for (JsonNode replica : chunk.get("replicas")) {
                if (replica.get("inSync").asBoolean()) {
                    led.merge(replica.get("node").asText(), 1, Integer::sum);
                    break;
                }
            }
        }
        return led;
    }
}
