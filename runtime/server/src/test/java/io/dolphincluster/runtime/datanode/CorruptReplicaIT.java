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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bytes flipped in one replica's file on disk: the corruption is detected on read, queries stay
 * correct (they read the good replica), and the bad replica is rebuilt from the good one and serves
 * correct data again.
 */
class CorruptReplicaIT {
    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void aCorruptReplicaIsDetectedAndRebuiltWhileQueriesStayCorrect() throws Exception {
        DataCluster cluster =
                clusters.createData(3, Map.of("dfsChunkNodeHeartBeatTimeout", "3"), 1, 1, 1);
        cluster.startAll(Duration.ofSeconds(90));
        DatanodeProcess entry = cluster.datanode("datanode1");
        long expectedSum = 0;
        try (DBConnection client = connect(entry)) {
            client.createDatabase("dfs://corrupt", "VALUE");
            client.createTable("dfs://corrupt", "events", EventsTable.SCHEMA, "day");
            for (int batch = 0; batch < 20; batch++) {
                List<List<Object>> rows = new ArrayList<>();
                for (long id = batch * 100L; id < (batch + 1) * 100L; id++) {
                    rows.add(List.of(id, LocalDate.of(2024, 3, 1), EventsTable.qtyOf(id)));
                    expectedSum += EventsTable.qtyOf(id);
                }
                client.append("dfs://corrupt", "events", new RowBatch(EventsTable.SCHEMA, rows));
            }
        }
        ControllerProcess controller = cluster.controllers().all().get(0);
        JsonNode chunk =
                controller
                        .admin()
                        .get("/api/chunks?database=corrupt&table=events")
                        .body()
                        .get("chunks")
                        .get(0);
        String chunkId = chunk.get("id").asText();
        DatanodeProcess victim =
                cluster.datanode(chunk.get("replicas").get(0).get("node").asText());
        DatanodeProcess healthy =
                cluster.datanode(chunk.get("replicas").get(1).get("node").asText());
        flipBytesInTheMiddle(victim.chunkStore().resolve(chunkId).resolve("chunk.log"));

        try (DBConnection client = connect(victim)) {
            assertTotals(client, 2000, expectedSum);
        }
        await("corruption detected on " + victim.alias())
                .atMost(Duration.ofSeconds(30))
                .until(() -> victim.log().contains("chunk " + chunkId + ": replica is corrupt"));
        await("replica on " + victim.alias() + " rebuilt and in sync")
                .atMost(Duration.ofSeconds(60))
                .until(
                        () ->
                                victim.log().contains("chunk " + chunkId + ": replica rebuilt from")
                                        && inSync(controller, chunkId, victim.alias()));

        healthy.kill(); // only the rebuilt replica is left to answer
        try (DBConnection client = connect(victim)) {
            assertTotals(client, 2000, expectedSum);
        }
    }

    private static boolean inSync(ControllerProcess controller, String chunkId, String node) {
        for (JsonNode replica :
                controller.admin().get("/api/chunks/" + chunkId).body().get("replicas")) {
            if (replica.get("node").asText().equals(node)) return replica.get("inSync").asBoolean();
        }
        return false;
    }

    private static void assertTotals(DBConnection client, long count, long sum) {
        RowBatch totals =
                client.query(
                        Query.from("dfs://corrupt", "events")
                                .aggregate(Aggregate.Fn.COUNT, null)
                                .aggregate(Aggregate.Fn.SUM, "qty"));
        assertThat(totals.rows().get(0)).containsExactly(count, sum);
    }

    static void flipBytesInTheMiddle(Path file) throws Exception {
        try (FileChannel channel =
                FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long position = channel.size() / 2;
            ByteBuffer bytes = ByteBuffer.allocate(8);
            channel.read(bytes, position);
            for (int i = 0; i < 8; i++) bytes.put(i, (byte) ~bytes.get(i));
            bytes.rewind();
            channel.write(bytes, position);
            channel.force(true);
        }
    }

    static DBConnection connect(DatanodeProcess datanode) {
        DBConnection connection = new DBConnection();
        connection.connect(datanode.host(), datanode.port(), "admin", "123456", "", true);
        return connection;
    }
}
