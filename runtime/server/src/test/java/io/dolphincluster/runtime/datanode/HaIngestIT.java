package io.dolphincluster.runtime.datanode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dolphincluster.client.DBConnection;
import io.dolphincluster.protocol.data.Column;
import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.protocol.query.Aggregate;
import io.dolphincluster.protocol.query.Query;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import io.dolphincluster.runtime.testkit.DataCluster;
import io.dolphincluster.runtime.testkit.DatanodeProcess;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Continuous ingest through the high-availability client while kill -9 hits a datanode holding replicas (the
 * one the client is connected to), then the controller leader, then both in turn. Afterwards no acknowledged
 * row is lost, no row is duplicated, and the totals are exact.
 */
class HaIngestIT {
    static final Schema SCHEMA = Schema.of(new Column("id", ColumnType.LONG), new Column("day", ColumnType.DATE),
            new Column("qty", ColumnType.LONG));

    @RegisterExtension
    final ControllerClusters clusters = new ControllerClusters();

    @Test
    void noAcknowledgedRowIsLostOrDuplicatedWhileNodesAreKilled() throws Exception {
        DataCluster cluster = clusters.createData(3, Map.of("dfsChunkNodeHeartBeatTimeout", "3"), 1, 1, 1);
        cluster.startAll(Duration.ofSeconds(90));
        DatanodeProcess first = cluster.datanode("datanode1");

        createEventsTable(first);

        try (Ingest ingest = new Ingest(first)) {
            ingest.start();
            ingest.awaitMoreBatches(20);

            DatanodeProcess connected = ingest.connectedDatanode(cluster);
            connected.kill();
            ingest.awaitMoreBatches(20);
            connected.start();
            cluster.awaitEveryReplicaInSync(Duration.ofSeconds(90));  // two replicas again before the next fault: RF 2 survives one at a time

            ControllerProcess leader = cluster.controllers().get(cluster.controllers().awaitLeader(Duration.ofSeconds(60)));
            leader.kill();
            ingest.awaitMoreBatches(20);
            leader.start();

            DatanodeProcess other = ingest.connectedDatanode(cluster);
            other.kill();
            ControllerProcess nextLeader = cluster.controllers().get(cluster.controllers().awaitLeader(Duration.ofSeconds(60)));
            nextLeader.kill();
            ingest.awaitMoreBatches(20);
            other.start();
            nextLeader.start();
            cluster.awaitEveryReplicaInSync(Duration.ofSeconds(90));
            ingest.awaitMoreBatches(10);
            ingest.stop();

            assertThat(ingest.failures()).as("appends that failed even with failover").isEmpty();
            verify(first, ingest.acknowledgedIds());
        }
    }

    /** The table {@link Ingest} writes: dfs://ha/events, VALUE-partitioned by day. */
    static void createEventsTable(DatanodeProcess datanode) {
        try (DBConnection setup = CorruptReplicaIT.connect(datanode)) {
            setup.createDatabase("dfs://ha", "VALUE");
            setup.createTable("dfs://ha", "events", SCHEMA, "day");
        }
    }

    /** Every acknowledged id is stored exactly once, nothing else is, and COUNT and SUM(qty) are exact. */
    static void verify(DatanodeProcess any, Set<Long> acknowledged) {
        try (DBConnection reader = new DBConnection()) {
            reader.connect(any.host(), any.port(), "admin", "123456", "", true);
            RowBatch ids = reader.query(Query.from("dfs://ha", "events").select("id"));
            List<Long> stored = new ArrayList<>();
            for (List<Object> row : ids.rows()) stored.add((Long) row.get(0));
            assertThat(new HashSet<>(stored)).as("stored ids are unique").hasSize(stored.size());
            Set<Long> lost = new java.util.TreeSet<>(acknowledged);
            lost.removeAll(stored);
            Set<Long> unexpected = new java.util.TreeSet<>(stored);
            unexpected.removeAll(acknowledged);
            assertThat(lost).as("acknowledged rows that were lost").isEmpty();
            assertThat(unexpected).as("rows stored that were never appended").isEmpty();
            RowBatch totals = reader.query(Query.from("dfs://ha", "events").aggregate(Aggregate.Fn.COUNT, null)
                    .aggregate(Aggregate.Fn.SUM, "qty"));
            long expectedSum = acknowledged.stream().mapToLong(Ingest::qtyOf).sum();
            assertThat(totals.rows().get(0)).containsExactly((long) acknowledged.size(), expectedSum);
        }
    }

    /** A writer thread appending batches of 50 rows over 5 days, remembering which ids were acknowledged. */
    static final class Ingest implements AutoCloseable {
        private final DBConnection connection = new DBConnection();
        private final Set<Long> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final java.util.concurrent.atomic.AtomicInteger batches = new java.util.concurrent.atomic.AtomicInteger();
        private volatile boolean running = true;
        private final Thread thread = new Thread(this::run, "ingest");

        Ingest(DatanodeProcess datanode) {
            connection.connect(datanode.host(), datanode.port(), "admin", "123456", "", true);
        }

        static long qtyOf(long id) {
            return id % 97;
        }

        void start() {
            thread.start();
        }

        private void run() {
            long next = 0;
            while (running) {
                List<List<Object>> rows = new ArrayList<>();
                Set<Long> ids = new HashSet<>();
                for (int i = 0; i < 50; i++, next++) {
                    rows.add(List.of(next, LocalDate.of(2024, 1, 1 + (int) (next % 5)), qtyOf(next)));
                    ids.add(next);
                }
                try {
                    connection.append("dfs://ha", "events", new RowBatch(SCHEMA, rows));
                    acknowledged.addAll(ids);
                    batches.incrementAndGet();
                } catch (RuntimeException e) {
                    failures.add(e.toString());
                }
            }
        }

        DatanodeProcess connectedDatanode(DataCluster cluster) {
            String site = connection.currentSite();
            return cluster.datanodes().stream().filter(d -> site.startsWith(d.site())).findFirst()
                    .orElseThrow(() -> new AssertionError("connected to unknown site " + site));
        }

        void awaitMoreBatches(int count) {
            awaitMoreBatches(count, Duration.ofSeconds(120));
        }

        void awaitMoreBatches(int count, Duration deadline) {
            int target = batches.get() + count;
            await("ingest reaches " + target + " acknowledged batches").atMost(deadline)
                    .until(() -> batches.get() >= target || !failures.isEmpty());
            assertThat(failures).isEmpty();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(120_000);
        }

        Set<Long> acknowledgedIds() {
            return acknowledged;
        }

        List<String> failures() {
            return failures;
        }

        @Override
        public void close() throws InterruptedException {
            stop();
            connection.close();
        }
    }
}
