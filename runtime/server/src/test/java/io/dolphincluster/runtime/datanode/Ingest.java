package io.dolphincluster.runtime.datanode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dolphincluster.client.ClientOptions;
import io.dolphincluster.client.DBConnection;
import io.dolphincluster.runtime.testkit.DataCluster;
import io.dolphincluster.runtime.testkit.DatanodeProcess;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A writer thread with its own high-availability client, appending batches of {@link BatchLedger}
 * to {@link EventsTable} one after another (at most one per {@code pace}, when given), and
 * recording in the ledger how each append ended. Several writers may share a ledger.
 */
final class Ingest implements AutoCloseable {
    private final DBConnection connection;
    private final BatchLedger ledger;
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final Thread thread;
    private final long paceNanos;
    private volatile boolean running = true;

    /** A writer with a ledger of its own and the client's default timeouts. */
    Ingest(DatanodeProcess datanode) {
        this(datanode, new BatchLedger(), "ingest", ClientOptions.defaults(), Duration.ZERO);
    }

    Ingest(
            DatanodeProcess datanode,
            BatchLedger ledger,
            String name,
            ClientOptions options,
            Duration pace) {
        this.ledger = ledger;
        this.paceNanos = pace.toNanos();
        this.connection = new DBConnection(options);
        this.thread = new Thread(this::run, name);
        connection.connect(datanode.host(), datanode.port(), "admin", "123456", "", true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            long started = System.nanoTime();
            long batch = ledger.nextBatch();
            try {
                connection.append(EventsTable.DATABASE, EventsTable.TABLE, BatchLedger.rows(batch));
                ledger.acknowledged(batch);
                acknowledged.incrementAndGet();
            } catch (RuntimeException e) {
                ledger.failed(batch, e);
                failures.add(e.toString());
                sleepNanos(
                        TimeUnit.MILLISECONDS.toNanos(
                                100)); // an error answered at once must not become a busy loop
            }
            sleepNanos(paceNanos - (System.nanoTime() - started));
        }
    }

    private static void sleepNanos(long nanos) {
        if (nanos <= 0) return;
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    DatanodeProcess connectedDatanode(DataCluster cluster) {
        String site = connection.currentSite();
        return cluster.datanodes().stream()
                .filter(d -> site.startsWith(d.site()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("connected to unknown site " + site));
    }

    void awaitMoreBatches(int count) {
        awaitMoreBatches(count, Duration.ofSeconds(120));
    }

    /**
     * Waits for {@code count} more acknowledged batches of this writer, failing at once on a failed
     * append.
     */
    void awaitMoreBatches(int count, Duration deadline) {
        int target = acknowledged.get() + count;
        await("ingest reaches " + target + " acknowledged batches")
                .atMost(deadline)
                .until(() -> acknowledged.get() >= target || !failures.isEmpty());
        assertThat(failures).isEmpty();
    }

    /**
     * Waits for {@code count} more acknowledged batches of this writer, whatever appends fail
     * meanwhile.
     */
    void awaitAcknowledged(int count, Duration deadline) {
        int target = acknowledged.get() + count;
        await(thread.getName() + " reaches " + target + " acknowledged batches")
                .atMost(deadline)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> acknowledged.get() >= target);
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join(120_000);
    }

    int acknowledged() {
        return acknowledged.get();
    }

    List<String> failures() {
        return failures;
    }

    BatchLedger ledger() {
        return ledger;
    }

    /** Stops the writer (waiting for its append in flight) and closes its connection. */
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
