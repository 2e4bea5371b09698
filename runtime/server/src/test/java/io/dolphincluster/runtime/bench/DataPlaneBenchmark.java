package io.dolphincluster.runtime.bench;

import io.dolphincluster.client.DBConnection;
import io.dolphincluster.client.cli.SampleTrades;
import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.RowBatchCodec;
import io.dolphincluster.protocol.query.Aggregate;
import io.dolphincluster.protocol.query.Filter;
import io.dolphincluster.protocol.query.Query;
import io.dolphincluster.runtime.testkit.DataCluster;
import io.dolphincluster.runtime.testkit.DatanodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The data plane measured on this machine, in one run against real processes: 3 controllers and 3
 * datanodes on 3 simulated machines, replication factor 2, reliability level 1.
 *
 * <ol>
 *   <li>Ingest: rows/s and MB/s (encoded row bytes) appended by concurrent HA clients, beside the
 *       disk's own sequential write+fsync bandwidth measured in the same run with the same block
 *       size (one chunk record) and with 1 MiB blocks. Every row is written to disk twice (RF 2),
 *       so the physical bound is half the disk bandwidth; the ratio to that bound is printed.
 *   <li>Scan and aggregate: rows/s of full-table count, group-by aggregates, and a one-partition
 *       filter.
 *   <li>Client failover: kill -9 the datanode a client is connected to, and time until its next
 *       query succeeds.
 * </ol>
 *
 * Usage: {@code runtime/scripts/bench.sh DataPlaneBenchmark [seconds=20] [batchRows=10000]
 * [clients=4] [failovers=5]}.
 */
public final class DataPlaneBenchmark {
    private static final int LARGE_BLOCK_BYTES = 1 << 20;
    private static final String DB = SampleTrades.DATABASE;
    private static final String TABLE = SampleTrades.TABLE;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int batchRows = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int failovers = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Path root = Files.createTempDirectory("dataplane-bench");
        try (DataCluster cluster =
                DataCluster.create(root, 3, Map.of("dfsChunkNodeHeartBeatTimeout", "3"), 1, 1, 1)) {
            cluster.startAll(Duration.ofSeconds(120));
            try (DBConnection setup = connect(cluster, 0)) {
                setup.createDatabase(DB, "VALUE");
                setup.createTable(DB, TABLE, SampleTrades.SCHEMA, "date");
            }
            AtomicLong nextRow = new AtomicLong();
            ingest(cluster, 10, batchRows, clients, nextRow, "warm-up");
            long bytesPerBatch = RowBatchCodec.encode(SampleTrades.rows(0, batchRows)).length;
            double[] ingest = ingest(cluster, seconds, batchRows, clients, nextRow, "ingest");
            double rowsPerSecond = ingest[0];
            double mibPerSecond = ingest[0] / batchRows * bytesPerBatch / (1 << 20);
            int recordBytes =
                    (int)
                            (bytesPerBatch
                                    / 10); // a batch spreads over the sample's 10 days: one record
            // per chunk
            DiskBenchmark.Bandwidth disk =
                    DiskBenchmark.measureRawFsyncBandwidth(root, recordBytes, 128L << 20);
            DiskBenchmark.Bandwidth largeBlocks =
                    DiskBenchmark.measureRawFsyncBandwidth(root, LARGE_BLOCK_BYTES, 256L << 20);
            System.out.printf(
                    Locale.ROOT,
                    "ingest: %.0f rows/s, %.1f MiB/s of rows (%d-row batches, %d clients, RF 2)%n",
                    rowsPerSecond,
                    mibPerSecond,
                    batchRows,
                    clients);
            System.out.printf(
                    Locale.ROOT,
                    "disk:   %.1f MiB/s sequential write+fsync in %d-byte blocks (one chunk record), so RF 2 is bound at %.1f MiB/s%n",
                    disk.mibPerSecond(),
                    recordBytes,
                    disk.mibPerSecond() / 2);
            System.out.printf(
                    Locale.ROOT,
                    "disk:   %.1f MiB/s sequential write+fsync in %d-byte blocks, so RF 2 is bound at %.1f MiB/s%n",
                    largeBlocks.mibPerSecond(),
                    LARGE_BLOCK_BYTES,
                    largeBlocks.mibPerSecond() / 2);
            System.out.printf(
                    Locale.ROOT,
                    "ratio:  ingest / (small-block disk / 2) = %.2f, ingest / (large-block disk / 2) = %.2f%n%n",
                    mibPerSecond / (disk.mibPerSecond() / 2),
                    mibPerSecond / (largeBlocks.mibPerSecond() / 2));

            long rows = nextRow.get();
            try (DBConnection reader = connect(cluster, 0)) {
                scan(
                        reader,
                        "count(*)",
                        Query.from(DB, TABLE).aggregate(Aggregate.Fn.COUNT, null),
                        rows);
                scan(
                        reader,
                        "sum/avg group by sym",
                        Query.from(DB, TABLE)
                                .groupBy("sym")
                                .aggregate(Aggregate.Fn.SUM, "qty")
                                .aggregate(Aggregate.Fn.AVG, "price"),
                        rows);
                scan(
                        reader,
                        "one day, max(price)",
                        Query.from(DB, TABLE)
                                .where("date", Filter.Op.EQ, SampleTrades.FIRST_DAY.toString())
                                .aggregate(Aggregate.Fn.MAX, "price"),
                        rows / 10);
            }
            failovers(cluster, failovers);
        }
    }

    private static double[] ingest(
            DataCluster cluster,
            int seconds,
            int batchRows,
            int clients,
            AtomicLong nextRow,
            String label)
            throws InterruptedException {
        AtomicLong appended = new AtomicLong();
        long endAt = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int index = c;
            Thread thread =
                    new Thread(
                            () -> {
                                try (DBConnection connection = connect(cluster, index)) {
                                    while (System.nanoTime() < endAt) {
                                        RowBatch batch =
                                                SampleTrades.rows(
                                                        nextRow.getAndAdd(batchRows), batchRows);
                                        appended.addAndGet(connection.append(DB, TABLE, batch));
                                    }
                                }
                            },
                            label + "-" + c);
            threads.add(thread);
        }
        long started = System.nanoTime();
        threads.forEach(Thread::start);
        for (Thread thread : threads) thread.join();
        double elapsed = (System.nanoTime() - started) / 1e9;
        return new double[] {appended.get() / elapsed};
    }

    private static void scan(DBConnection reader, String label, Query query, long rowsScanned) {
        double[] millis = new double[5];
        for (int i = 0; i < millis.length; i++) {
            long started = System.nanoTime();
            reader.query(query);
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        double median = Percentiles.of(millis, 0.5);
        System.out.printf(
                Locale.ROOT,
                "scan %-22s %8.0f ms median of 5, %.0f rows/s%n",
                label,
                median,
                rowsScanned / (median / 1000));
    }

    private static void failovers(DataCluster cluster, int count) throws Exception {
        double[] millis = new double[count];
        List<String> sites = cluster.datanodes().stream().map(DatanodeProcess::site).toList();
        for (int round = 0; round < count; round++) {
            DatanodeProcess victim = cluster.datanodes().get(round % sites.size());
            try (DBConnection client = new DBConnection()) {
                client.connect(victim.host(), victim.port(), "admin", "123456", "", true, sites);
                Query oneDay =
                        Query.from(DB, TABLE)
                                .where("date", Filter.Op.EQ, SampleTrades.FIRST_DAY.toString())
                                .aggregate(Aggregate.Fn.COUNT, null);
                client.query(oneDay);
                long killedAt = System.nanoTime();
                victim.kill();
                client.query(oneDay);
                millis[round] = (System.nanoTime() - killedAt) / 1e6;
            }
            System.out.printf(
                    Locale.ROOT,
                    "failover %d: %s killed, next query answered after %.0f ms%n",
                    round + 1,
                    victim.alias(),
                    millis[round]);
            victim.start();
            DataCluster.awaitReady(victim, Duration.ofSeconds(60));
            cluster.awaitEveryReplicaInSync(Duration.ofSeconds(120));
        }
        System.out.printf(
                Locale.ROOT,
                "client failover over %d kills: p50 %.0f ms, max %.0f ms%n",
                count,
                Percentiles.of(millis, 0.5),
                Percentiles.of(millis, 1.0));
    }

    private static DBConnection connect(DataCluster cluster, int index) {
        List<String> sites = cluster.datanodes().stream().map(DatanodeProcess::site).toList();
        DatanodeProcess first = cluster.datanodes().get(index % sites.size());
        DBConnection connection = new DBConnection();
        connection.connect(first.host(), first.port(), "admin", "123456", "", true, sites);
        return connection;
    }

    private DataPlaneBenchmark() {}
}
