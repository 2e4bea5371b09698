package io.dolphincluster.runtime.dolphindb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.xxdb.DBConnection;
import com.xxdb.data.BasicIntVector;
import com.xxdb.data.Entity;
import com.xxdb.data.Scalar;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * High availability with the official client: a MultithreadedTableWriter (HA on) keeps writing
 * while the datanode it is connected to is killed with -9. Its requests fail over to another
 * datanode and are re-sent with the same client id and sequence number, so every row is stored
 * exactly once; a connect whose first site is the dead node gets in through its {@code
 * highAvailabilitySites}.
 *
 * <p>The client (3.00.3.1, the newest) has a race no server can close: the killed process's kernel
 * resets its open connections a moment before it closes the listening socket, and a client that
 * reconnects to that node in between is accepted, then reset; {@code DBConnection.connectNode}
 * takes a reset after the TCP connect as fatal and the writer gives up. A run that ends exactly so
 * still has to keep every acknowledged row once, and the scenario is run again on a new cluster.
 */
class DolphinHaIT {
    private static final int ROWS = 3000;
    private static final int ATTEMPTS = 3;
    private static final Pattern INGESTED =
            Pattern.compile("(?m)^dolphin_datanode_ingest_rows_total(?:\\{[^}]*})? ([0-9.eE+]+)$");
    private static final Pattern CONNECT_ATTEMPT = Pattern.compile("Connect to (\\S+:\\d+)\\.");

    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();
    private final Logger clientLogger = (Logger) LoggerFactory.getLogger(DBConnection.class);
    private final ListAppender<ILoggingEvent> clientLog = new ListAppender<>();

    @BeforeEach
    void captureTheClientsLog() {
        clientLog.start();
        clientLogger.addAppender(clientLog);
    }

    @AfterEach
    void releaseTheClientsLog() {
        clientLogger.detachAppender(clientLog);
    }

    @Test
    void aWriterLosesAndDuplicatesNothingWhenItsDatanodeIsKilled() throws Exception {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            clientLog.list.clear();
            Run run = writeWhileTheWritersDatanodeIsKilled();
            if (!run.status.hasError()) {
                assertThat(run.status.sentRows).isEqualTo(ROWS);
                assertThat(run.stored)
                        .as("rows stored, each once")
                        .isEqualTo(eachOnce(IntStream.range(0, ROWS).boxed().toList()));
                assertThat(run.sumOfQty).isEqualTo((long) ROWS * (ROWS - 1) / 2);
                return;
            }
            assertTheClientGaveUpReconnectingToTheKilledNode(run);
            assertAcknowledgedRowsStoredOnce(run);
            System.out.printf(
                    "attempt %d: the client gave up reconnecting to the killed %s; its %d"
                            + " acknowledged rows are stored once, %d of its %d in-doubt rows;"
                            + " running the scenario again%n",
                    attempt,
                    run.killed.alias(),
                    run.status.sentRows,
                    run.stored.keySet().stream().filter(run.inDoubt::contains).count(),
                    run.inDoubt.size());
            run.cluster.close();
        }
        fail("the client lost its reconnect race with a dying datanode " + ATTEMPTS + " times");
    }

    /** What one scenario left: the writer's status, its rows' fate, and what the cluster stores. */
    private record Run(
            DataCluster cluster,
            DatanodeProcess killed,
            MultithreadedTableWriter.Status status,
            String lastConnectAttempt,
            int accepted,
            Set<Integer> inDoubt,
            Set<Integer> neverSent,
            Map<Integer, Integer> stored,
            long sumOfQty) {}

    private Run writeWhileTheWritersDatanodeIsKilled() throws Exception {
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
        AtomicInteger accepted = new AtomicInteger();
        Thread producer = new Thread(() -> produce(writer, accepted), "producer");
        producer.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> writer.getStatus().sentRows >= ROWS / 4);
        DatanodeProcess connected = coordinator(cluster);
        connected.kill();
        producer.join(Duration.ofSeconds(60).toMillis());
        writer.waitForThreadCompletion();
        MultithreadedTableWriter.Status status = writer.getStatus();
        Set<Integer> inDoubt = ids(writer.getFailedData());
        Set<Integer> neverSent = ids(writer.getUnwrittenData());
        String lastConnectAttempt = lastConnectAttempt();

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
        Map<Integer, Integer> stored = new HashMap<>();
        for (int i = 0; i < ids.rows(); i++) stored.merge(ids.getInt(i), 1, Integer::sum);
        long sumOfQty =
                Long.parseLong(
                        reader.run("exec sum(qty) from loadTable('dfs://demo', 'trades')")
                                .getString());
        reader.close();
        return new Run(
                cluster,
                connected,
                status,
                lastConnectAttempt,
                accepted.get(),
                inDoubt,
                neverSent,
                stored,
                sumOfQty);
    }

    /**
     * The writer ended on the client's reconnect race and nothing else: a connection reset, while
     * its last connect attempt was to the node just killed.
     */
    private static void assertTheClientGaveUpReconnectingToTheKilledNode(Run run) {
        assertThat(run.status.getErrorInfo())
                .as(run.status.toString())
                .contains("SocketException: Connection reset");
        assertThat(run.lastConnectAttempt)
                .as("the writer's last connect attempt")
                .isEqualTo(run.killed.site());
    }

    private String lastConnectAttempt() {
        String last = null;
        for (ILoggingEvent event : List.copyOf(clientLog.list)) {
            Matcher matcher = CONNECT_ATTEMPT.matcher(event.getFormattedMessage());
            if (matcher.matches()) last = matcher.group(1);
        }
        return last;
    }

    /**
     * Every row the writer had acknowledged is stored once; the batch whose send failed is stored
     * at most once, and no row it never sent is.
     */
    private static void assertAcknowledgedRowsStoredOnce(Run run) {
        Set<Integer> acknowledged =
                IntStream.range(0, run.accepted)
                        .filter(id -> !run.inDoubt.contains(id) && !run.neverSent.contains(id))
                        .boxed()
                        .collect(Collectors.toSet());
        assertThat(acknowledged).hasSize((int) run.status.sentRows);
        Map<Integer, Integer> storedAcknowledged = new HashMap<>(run.stored);
        storedAcknowledged.keySet().retainAll(acknowledged);
        assertThat(storedAcknowledged)
                .as("acknowledged rows stored, each once")
                .isEqualTo(eachOnce(acknowledged));
        Map<Integer, Integer> storedOthers = new HashMap<>(run.stored);
        storedOthers.keySet().removeAll(acknowledged);
        assertThat(storedOthers.keySet()).as("other rows stored").isSubsetOf(run.inDoubt);
        assertThat(storedOthers.values()).as("copies of an in-doubt row").allMatch(n -> n == 1);
    }

    /** Each of {@code ids} stored once, as the map of id to copies stored. */
    private static Map<Integer, Integer> eachOnce(Collection<Integer> ids) {
        return ids.stream().collect(Collectors.toMap(id -> id, id -> 1));
    }

    private static Set<Integer> ids(List<List<Entity>> rows) throws Exception {
        Set<Integer> ids = new HashSet<>();
        for (List<Entity> row : rows) ids.add(((Scalar) row.get(0)).getNumber().intValue());
        return ids;
    }

    /**
     * ROWS rows, about one a millisecond, so the writer is busy when its datanode dies; stops at
     * the first the writer refuses (it refuses every row once it has given up).
     */
    private static void produce(MultithreadedTableWriter writer, AtomicInteger accepted) {
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
                accepted.incrementAndGet();
                if (i % 10 == 0) Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException exiting) {
            // the writer has given up; the rows from here on were never handed to it
        }
    }

    /**
     * The datanode the writer's connection appends through: the one whose client-ingested row count
     * grows.
     */
    private static DatanodeProcess coordinator(DataCluster cluster) throws Exception {
        Map<DatanodeProcess, Double> before = new HashMap<>();
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
