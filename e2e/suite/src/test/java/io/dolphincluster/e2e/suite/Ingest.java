package io.dolphincluster.e2e.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dolphincluster.client.ClientOptions;
import io.dolphincluster.client.DBConnection;
import io.dolphincluster.protocol.data.Column;
import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.protocol.query.Aggregate;
import io.dolphincluster.protocol.query.Query;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A writer thread appending batches of 50 rows (ids counting up, over 5 days) through one
 * high-availability connection, remembering which ids were acknowledged; {@link #verify} checks
 * that exactly those are stored. Each append's latency and outcome also go to the {@link
 * PhaseFigures} given, if any.
 */
final class Ingest implements AutoCloseable {
    static final Schema SCHEMA =
            Schema.of(
                    new Column("id", ColumnType.LONG),
                    new Column("day", ColumnType.DATE),
                    new Column("qty", ColumnType.LONG));

    private final String database;
    private final String table;
    private final ClientOptions options;
    private final DBConnection connection;
    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger batches = new AtomicInteger();
    private final PhaseFigures figures;
    private volatile long paceNanos;
    private volatile boolean running;
    private long next;
    private Thread thread;

    Ingest(
            ClientOptions options,
            String host,
            int port,
            String password,
            String database,
            String table) {
        this(options, host, port, List.of(), password, database, table, new PhaseFigures());
    }

    /**
     * Fails over only among {@code sites} ({@code host:port[:alias]}) when not empty, else among
     * the datanodes the cluster reports; records every append in {@code figures}. Connects with
     * {@code options} (TLS: {@link ClusterCaTrust#clientOptions}), and so does {@link #verify}.
     */
    Ingest(
            ClientOptions options,
            String host,
            int port,
            List<String> sites,
            String password,
            String database,
            String table,
            PhaseFigures figures) {
        this.database = database;
        this.table = table;
        this.figures = figures;
        this.options = options;
        this.connection = new DBConnection(options);
        connection.connect(host, port, "admin", password, "", true, sites);
    }

    /**
     * At most one append started per {@code interval} from now on (none: as fast as the cluster
     * answers).
     */
    Ingest pacedAt(Duration interval) {
        paceNanos = interval.toNanos();
        return this;
    }

    static long qtyOf(long id) {
        return id % 97;
    }

    synchronized void start() {
        running = true;
        thread = new Thread(this::run, "ingest");
        thread.start();
    }

    private void run() {
        while (running) {
            List<List<Object>> rows = new ArrayList<>();
            Set<Long> ids = new HashSet<>();
            for (int i = 0; i < 50; i++, next++) {
                rows.add(List.of(next, LocalDate.of(2024, 1, 1 + (int) (next % 5)), qtyOf(next)));
                ids.add(next);
            }
            long start = System.nanoTime();
            try {
                connection.append(database, table, new RowBatch(SCHEMA, rows));
                figures.append(System.nanoTime() - start, false);
                acknowledged.addAll(ids);
                batches.incrementAndGet();
            } catch (RuntimeException e) {
                figures.append(System.nanoTime() - start, true);
                failures.add(e.toString());
            }
            long idle = start + paceNanos - System.nanoTime();
            if (idle > 0) LockSupport.parkNanos(idle); // pacing a load, not waiting for a condition
        }
    }

    String currentSite() {
        return connection.currentSite();
    }

    void awaitMoreBatches(int count, Duration deadline) {
        int target = batches.get() + count;
        await("ingest reaches " + target + " acknowledged batches")
                .atMost(deadline)
                .until(() -> batches.get() >= target || !failures.isEmpty());
        assertThat(failures).as("appends that failed even with failover").isEmpty();
    }

    synchronized void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(120_000);
            thread = null;
        }
    }

    int batches() {
        return batches.get();
    }

    /** Appends that failed even with failover, as their exceptions read. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    /**
     * Reads everything back through a fresh HA connection: every acknowledged row once, nothing
     * else, exact totals.
     */
    void verify(String host, int port, String password) {
        assertThat(failures).isEmpty();
        try (DBConnection reader = new DBConnection(options)) {
            reader.connect(host, port, "admin", password, "", true);
            RowBatch ids = reader.query(Query.from(database, table).select("id"));
            List<Long> stored = new ArrayList<>();
            for (List<Object> row : ids.rows()) stored.add((Long) row.get(0));
            Set<Long> storedSet = new HashSet<>(stored);
            assertThat(storedSet).as("stored ids are unique").hasSize(stored.size());
            // removeAll of a list walks the list for every element when the set is not larger:
            // quadratic.
            Set<Long> lost = new TreeSet<>(acknowledged);
            lost.removeAll(storedSet);
            Set<Long> unexpected = new TreeSet<>(stored);
            unexpected.removeAll(acknowledged);
            assertThat(lost.size())
                    .as("acknowledged rows that were lost, first: " + first(lost))
                    .isZero();
            assertThat(unexpected.size())
                    .as("rows stored that were never acknowledged, first: " + first(unexpected))
                    .isZero();
            RowBatch totals =
                    reader.query(
                            Query.from(database, table)
                                    .aggregate(Aggregate.Fn.COUNT, null)
                                    .aggregate(Aggregate.Fn.SUM, "qty"));
            long expectedSum = acknowledged.stream().mapToLong(Ingest::qtyOf).sum();
            assertThat(totals.rows().get(0))
                    .containsExactly((long) acknowledged.size(), expectedSum);
        }
    }

    private static List<Long> first(Set<Long> ids) {
        return ids.stream().limit(20).toList();
    }

    /**
     * Stops the writer and closes the connection; interrupted while waiting for the writer, it
     * keeps the interrupt.
     */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connection.close();
        }
    }
}
