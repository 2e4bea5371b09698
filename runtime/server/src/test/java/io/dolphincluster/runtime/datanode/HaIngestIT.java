package io.dolphincluster.runtime.datanode;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import io.dolphincluster.runtime.testkit.DataCluster;
import io.dolphincluster.runtime.testkit.DatanodeProcess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Continuous ingest through the high-availability client while kill -9 hits a datanode holding
 * replicas (the one the client is connected to), then the controller leader, then both in turn.
 * Afterwards no acknowledged row is lost, no row is duplicated, and the totals are exact.
 */
class HaIngestIT {
    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void noAcknowledgedRowIsLostOrDuplicatedWhileNodesAreKilled() throws Exception {
        DataCluster cluster =
                clusters.createData(3, Map.of("dfsChunkNodeHeartBeatTimeout", "3"), 1, 1, 1);
        cluster.startAll(Duration.ofSeconds(90));
        DatanodeProcess first = cluster.datanode("datanode1");

        EventsTable.create(first);

        try (Ingest ingest = new Ingest(first)) {
            ingest.start();
            ingest.awaitMoreBatches(20);

            DatanodeProcess connected = ingest.connectedDatanode(cluster);
            connected.kill();
            ingest.awaitMoreBatches(20);
            connected.start();
            cluster.awaitEveryReplicaInSync(
                    Duration.ofSeconds(
                            90)); // two replicas again before the next fault: RF 2 survives one at
            // a time

            ControllerProcess leader =
                    cluster.controllers()
                            .get(cluster.controllers().awaitLeader(Duration.ofSeconds(60)));
            leader.kill();
            ingest.awaitMoreBatches(20);
            leader.start();

            DatanodeProcess other = ingest.connectedDatanode(cluster);
            other.kill();
            ControllerProcess nextLeader =
                    cluster.controllers()
                            .get(cluster.controllers().awaitLeader(Duration.ofSeconds(60)));
            nextLeader.kill();
            ingest.awaitMoreBatches(20);
            other.start();
            nextLeader.start();
            cluster.awaitEveryReplicaInSync(Duration.ofSeconds(90));
            ingest.awaitMoreBatches(10);
            ingest.stop();

            assertThat(ingest.failures()).as("appends that failed even with failover").isEmpty();
            LedgerCheck.verify(first, ingest.ledger());
        }
    }
}
