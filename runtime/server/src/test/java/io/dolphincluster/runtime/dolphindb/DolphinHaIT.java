package io.dolphincluster.runtime.dolphindb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.xxdb.DBConnection;
import com.xxdb.data.BasicIntVector;
import com.xxdb.multithreadedtablewriter.MultithreadedTableWriter;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.DataCluster;
import io.dolphincluster.runtime.testkit.DatanodeProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * High availability with the official client: a MultithreadedTableWriter (HA on) keeps writing
 * while the datanode it is connected to is killed with -9. Its requests fail over to another
 * datanode and are re-sent with the same client id and sequence number, so every row is stored
 * exactly once; a connect whose first site is the dead node gets in through its {@code
 * highAvailabilitySites}.
 */
class DolphinHaIT {
    private static final int ROWS = 3000;
    private static final Pattern INGESTED =
            Pattern.compile("(?m)^dolphin_datanode_ingest_rows_total(?:\\{[^}]*})? ([0-9.eE+]+)$");

    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void aWriterLosesAndDuplicatesNothingWhenItsDatanodeIsKilled() throws Exception {
        DataCluster cluster =
                clusters.createData(1, Map.of("dfsChunkNodeHeartBeatTimeout", "3"), 1, 1, 1);
        cluster.startAll(Duration.ofSeconds(90));
        DatanodeProcess first = cluster.datanode("datanode1");
        DBConnection setup = new DBConnection();
        setup.connect(first.host(), first.port(), "admin", "123456");
        setup.run(DfsScriptTest.CREATE);
        setup.close();

        MultithreadedTableWriter writer =
                new MultithreadedTableWriter(
                        first.host(),
                        first.port(),
                        "admin",
                        "123456",
                        "dfs://demo",
                        "trades",
                        false,
                        true,
                        null,
                        50,
                        0.01f,
                        1,
                        "day");
        Thread producer = new Thread(() -> produce(writer), "producer");
        producer.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> writer.getStatus().sentRows >= ROWS / 4);
        DatanodeProcess connected = coordinator(cluster);
        connected.kill();
        producer.join(Duration.ofSeconds(60).toMillis());
        writer.waitForThreadCompletion();
        MultithreadedTableWriter.Status status = writer.getStatus();
        assertThat(status.hasError()).as(status.toString()).isFalse();
        assertThat(status.sentRows).isEqualTo(ROWS);

        String[] others =
                cluster.datanodes().stream()
                        .filter(d -> d != connected)
                        .map(DatanodeProcess::site)
                        .toArray(String[]::new);
        DBConnection reader = new DBConnection();
        assertThat(
                        reader.connect(
                                connected.host(),
                                connected.port(),
                                "admin",
                                "123456",
                                "",
                                true,
                                others))
                .isTrue();
        BasicIntVector ids =
                (BasicIntVector) reader.run("exec id from loadTable('dfs://demo', 'trades')");
        Set<Integer> distinct = new HashSet<>();
        for (int i = 0; i < ids.rows(); i++) distinct.add(ids.getInt(i));
        assertThat(ids.rows()).as("rows stored").isEqualTo(ROWS);
        assertThat(distinct).as("distinct ids").hasSize(ROWS);
        assertThat(reader.run("exec sum(qty) from loadTable('dfs://demo', 'trades')").getString())
                .isEqualTo(String.valueOf((long) ROWS * (ROWS - 1) / 2));
        reader.close();
    }

    /** ROWS rows, about one a millisecond, so the writer is busy when its datanode dies. */
    private static void produce(MultithreadedTableWriter writer) {
        try {
            for (int i = 0; i < ROWS; i++) {
                writer.insert(
                        i,
                        true,
                        i,
                        (long) i,
                        i + 0.5,
                        "S" + (i % 5),
                        "n",
                        LocalDate.of(2024, 1, 1 + i % 3),
                        LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(i));
                if (i % 10 == 0) Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The datanode the writer's connection appends through: the one whose client-ingested row count
     * grows.
     */
    private static DatanodeProcess coordinator(DataCluster cluster) throws Exception {
        Map<DatanodeProcess, Double> before = new java.util.HashMap<>();
        for (DatanodeProcess datanode : cluster.datanodes())
            before.put(datanode, ingested(datanode));
        DatanodeProcess[] found = new DatanodeProcess[1];
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            for (DatanodeProcess datanode : cluster.datanodes()) {
                                if (ingested(datanode) > before.get(datanode)) {
                                    found[0] = datanode;
                                    return true;
                                }
                            }
                            return false;
                        });
        return found[0];
    }

    private static double ingested(DatanodeProcess datanode) throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://"
                                                                + datanode.host()
                                                                + ":"
                                                                + (datanode.port() + 1000)
                                                                + "/metrics"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        Matcher matcher = INGESTED.matcher(response.body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
