package io.dolphincluster.runtime.datanode;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.DataCluster;
import io.dolphincluster.runtime.testkit.DatanodeProcess;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Writes go on quickly when the datanode that leads chunks goes away, without waiting for the
 * leader to notice its silence: the leader is set to notice a silent datanode only after 60 s, so
 * writes go on within the test's 20 s only because
 *
 * <ul>
 *   <li>a datanode stopped with SIGTERM (a rolling restart, a pod deleted) hands the chunks it
 *       leads to their other in-sync replica before it goes ({@link PrimaryStepDown});
 *   <li>a datanode killed with -9 is reported unreachable by the coordinators that cannot connect
 *       to it, and the leader, finding its port closed, marks it down and moves its chunks'
 *       primaries at once.
 * </ul>
 *
 * Nothing acknowledged is lost, and the node catches up when it is back.
 */
class PrimaryFailoverIT {
    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void aStoppingDatanodeHandsOverTheChunksItLeads() throws Exception {
        writesGoOnWhenTheBusiestPrimaryGoes(true);
    }

    @Test
    void aKilledPrimaryIsReplacedWithoutWaitingForItsHeartbeatTimeout() throws Exception {
        writesGoOnWhenTheBusiestPrimaryGoes(false);
    }

    private void writesGoOnWhenTheBusiestPrimaryGoes(boolean orderly) throws Exception {
        DataCluster cluster =
                clusters.createData(3, Map.of("dfsChunkNodeHeartBeatTimeout", "60"), 1, 1, 1);
        cluster.startAll(Duration.ofSeconds(90));
        DatanodeProcess first = cluster.datanode("datanode1");
        EventsTable.create(first);

        try (Ingest ingest = new Ingest(first)) {
            ingest.start();
            ingest.awaitMoreBatches(20);
            DatanodeProcess connected = ingest.connectedDatanode(cluster);
            Map<String, Integer> led = cluster.primaries("ha", "events");
            DatanodeProcess leaving =
                    cluster.datanodes().stream()
                            .filter(d -> d != connected)
                            .max(Comparator.comparingInt(d -> led.getOrDefault(d.alias(), 0)))
                            .orElseThrow();
            assertThat(led.getOrDefault(leaving.alias(), 0))
                    .as("chunks led by " + leaving.alias() + " in " + led)
                    .isPositive();

            if (orderly) {
                leaving.stop();
                assertThat(leaving.log())
                        .contains("stopping: handed")
                        .doesNotContain("stopping: handed 0 ");
            } else {
                leaving.kill();
            }
            ingest.awaitMoreBatches(20, Duration.ofSeconds(20));
            leaving.start();
            cluster.awaitEveryReplicaInSync(Duration.ofSeconds(90));
            ingest.awaitMoreBatches(10);
            ingest.stop();
            assertThat(ingest.failures()).as("appends that failed even with failover").isEmpty();
            LedgerCheck.verify(first, ingest.ledger());
        }
    }
}
