package io.dolphincluster.runtime.bench;

import io.dolphincluster.client.DBConnection;
import io.dolphincluster.protocol.data.Column;
import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.runtime.testkit.DataCluster;
import io.dolphincluster.runtime.testkit.DatanodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;

/**
 * How long appends stop when the datanode that is a chunk's primary is killed with -9: one HA
 * client appends 10-row batches to one partition back to back; each round kills the chunk's primary
 * (the client's own datanode or not, as it comes) and times from the kill to the first append
 * acknowledged after it. The node is restarted and every replica back in sync before the next
 * round. Default {@code dfsChunkNodeHeartBeatTimeout} (8 s): what is measured is the
 * reported-unreachable path, not the timeout.
 *
 * <p>Usage: {@code runtime/scripts/bench.sh PrimaryFailoverBenchmark [kills]} (default 20).
 */
public final class PrimaryFailoverBenchmark {
    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final Schema SCHEMA =
            Schema.of(new Column("id", ColumnType.LONG), new Column("day", ColumnType.DATE));

    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path root = Files.createTempDirectory("primary-failover-bench");
        double[] millis = new double[kills];
        try (DataCluster cluster = DataCluster.create(root, 3, Map.of(), 1, 1, 1)) {
            cluster.startAll(BOUND);
            DatanodeProcess first = cluster.datanode("datanode1");
            try (DBConnection client = new DBConnection()) {
                client.connect(first.host(), first.port(), "admin", "123456", "", true);
                client.createDatabase("dfs://failover", "VALUE");
                client.createTable("dfs://failover", "events", SCHEMA, "day");
                AtomicLong lastAckNanos = new AtomicLong();
                Thread writer = new Thread(() -> appendForever(client, lastAckNanos), "appender");
                writer.setDaemon(true);
                writer.start();
                Awaitility.await("first append").atMost(BOUND).until(() -> lastAckNanos.get() != 0);
                for (int round = 0; round < kills; round++) {
                    String primary =
                            cluster.primaries("failover", "events").keySet().iterator().next();
                    DatanodeProcess victim = cluster.datanode(primary);
                    long killedAt = System.nanoTime();
                    victim.kill();
                    Awaitility.await("an append after the kill")
                            .atMost(BOUND)
                            .pollInterval(Duration.ofMillis(5))
                            .until(() -> lastAckNanos.get() - killedAt > 0);
                    millis[round] = (lastAckNanos.get() - killedAt) / 1e6;
                    System.out.printf(
                            Locale.ROOT,
                            "kill %2d: primary %s killed, appends resumed after %.0f ms%n",
                            round + 1,
                            primary,
                            millis[round]);
                    victim.start();
                    DataCluster.awaitReady(victim, BOUND);
                    cluster.awaitEveryReplicaInSync(BOUND);
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%nappends resumed after the primary's kill, over %d kills: p50 %.0f ms, p99 %.0f ms, min %.0f ms, max %.0f ms%n",
                kills,
                Percentiles.of(millis, 0.5),
                Percentiles.of(millis, 0.99),
                Percentiles.of(millis, 0),
                Percentiles.of(millis, 1.0));
    }

    private static void appendForever(DBConnection client, AtomicLong lastAckNanos) {
        long next = 0;
        while (true) {
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < 10; i++, next++) rows.add(List.of(next, LocalDate.of(2024, 1, 1)));
            try {
                client.append("dfs://failover", "events", new RowBatch(SCHEMA, rows));
                lastAckNanos.set(System.nanoTime());
            } catch (RuntimeException e) {
                System.out.println("append failed even with failover: " + e);
            }
        }
    }

    private PrimaryFailoverBenchmark() {}
}
