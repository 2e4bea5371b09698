package io.dolphincluster.runtime.datanode;

import io.dolphincluster.runtime.http.HttpPortCounters;
import io.dolphincluster.runtime.http.MetricsRoute;
import io.dolphincluster.runtime.http.Route;
import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.metadata.MetadataSnapshot;
import io.dolphincluster.runtime.metadata.ReplicaInfo;
import io.dolphincluster.runtime.metrics.LatencyHistogram;
import io.dolphincluster.runtime.metrics.ProcessMetrics;
import io.dolphincluster.runtime.net.DataPortCounters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A datanode's meters and its {@code GET /metrics} (on the HTTP port): rows appended by clients
 * through this node, payload bytes it wrote to its chunk logs as a chunk's primary (each row is
 * counted once in the cluster, by its primary), append and query latency histograms and counts
 * (failures included, labelled), the bytes of its chunk log files on disk, and its replicas: on
 * disk, and in or out of sync as the metadata says; what its HTTP port's and its data port's
 * protections refused ({@link HttpPortCounters}, {@link DataPortCounters}). Recording is lock-free;
 * the disk and the metadata view are read once per scrape.
 */
final class DatanodeMetrics {
    private final ProcessMetrics metrics;
    private final Counter rowsIngested;
    private final Counter bytesIngested;
    private final Counter appendFailures;
    private final Counter queryFailures;
    private final Timer appendLatency;
    private final Timer queryLatency;

    /**
     * Registers the datanode's meters in {@code metrics}, the process's registry; the gauges read
     * {@code replicas}, {@code view} and the ports' counters.
     */
    DatanodeMetrics(
            ProcessMetrics metrics,
            String alias,
            LocalReplicas replicas,
            MetadataView view,
            Supplier<HttpPortCounters> http,
            Supplier<DataPortCounters> dataPort) {
        this.metrics = metrics;
        HttpPortCounters.register(metrics, alias, http);
        DataPortCounters.register(metrics, alias, dataPort);
        Tags node = Tags.of("datanode", alias);
        rowsIngested =
                counter(
                        "dolphin_datanode_ingest_rows_total",
                        "rows appended by clients through this datanode",
                        node);
        bytesIngested =
                counter(
                        "dolphin_datanode_ingest_bytes_total",
                        "payload bytes written to local chunk logs as the chunk's primary",
                        node);
        appendFailures =
                counter(
                        "dolphin_datanode_append_failures_total",
                        "client appends that failed",
                        node);
        queryFailures =
                counter(
                        "dolphin_datanode_query_failures_total",
                        "client queries that failed",
                        node);
        appendLatency =
                LatencyHistogram.register(
                        metrics.registry(),
                        "dolphin_datanode_append_seconds",
                        "client append latency, acknowledged on every in-sync replica",
                        node);
        queryLatency =
                LatencyHistogram.register(
                        metrics.registry(),
                        "dolphin_datanode_query_seconds",
                        "client query latency (the count is the number of queries)",
                        node);

        Supplier<DiskScan> disk = metrics.perScrape(() -> DiskScan.of(replicas));
        metrics.gauge(
                "dolphin_datanode_chunk_log_bytes",
                "bytes of this datanode's chunk log files on disk",
                node,
                () -> disk.get().bytes());
        metrics.gauge(
                "dolphin_datanode_disk_scan_ok",
                "1 when the chunk logs could be listed and sized for this scrape",
                node,
                () -> disk.get().ok() ? 1 : 0);
        metrics.gauge(
                "dolphin_datanode_local_replicas",
                "chunk replicas with a log on this datanode's disk",
                node,
                () -> disk.get().files());
        Supplier<Placed> placed = metrics.perScrape(() -> Placed.of(view, alias));
        metrics.gauge(
                "dolphin_datanode_replicas",
                "replicas the metadata places on this datanode, by in-sync flag",
                node.and("in_sync", "true"),
                () -> placed.get().inSync());
        metrics.gauge(
                "dolphin_datanode_replicas",
                "replicas the metadata places on this datanode, by in-sync flag",
                node.and("in_sync", "false"),
                () -> placed.get().outOfSync());
        metrics.gauge(
                "dolphin_datanode_primaries",
                "chunks whose primary is this datanode",
                node,
                () -> placed.get().primaries());
    }

    private Counter counter(String name, String help, Tags tags) {
        return Counter.builder(name).description(help).tags(tags).register(metrics.registry());
    }

    void appended(int rows, long nanos) {
        rowsIngested.increment(rows);
        appendLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void appendFailed(long nanos) {
        appendFailures.increment();
        appendLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void queried(long nanos) {
        queryLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void queryFailed(long nanos) {
        queryFailures.increment();
        queryLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Payload bytes written to a local chunk log as the chunk's primary. */
    void primaryWrote(long bytes) {
        bytesIngested.increment(bytes);
    }

    /** {@code GET /metrics}: every meter of the process. */
    Route route() {
        return MetricsRoute.of(metrics);
    }

    /** The chunk logs on disk, listed and sized; {@code ok} false when that failed. */
    private record DiskScan(long files, long bytes, boolean ok) {
        static DiskScan of(LocalReplicas replicas) {
            long files = 0;
            long bytes = 0;
            try {
                for (String chunkId : replicas.chunkIds()) {
                    files++;
                    bytes += replicas.read(chunkId).sizeBytes();
                }
                return new DiskScan(files, bytes, true);
            } catch (IOException | RuntimeException e) {
                return new DiskScan(files, bytes, false);
            }
        }
    }

    /** The replicas the metadata view places on this datanode. */
    private record Placed(long inSync, long outOfSync, long primaries) {
        static Placed of(MetadataView view, String alias) {
            long inSync = 0;
            long outOfSync = 0;
            long primaries = 0;
            MetadataSnapshot snapshot = view.loaded() ? view.snapshot() : MetadataSnapshot.empty();
            for (ChunkInfo chunk : snapshot.chunks()) {
                for (ReplicaInfo replica : chunk.replicas()) {
                    if (!replica.node().equals(alias)) continue;
                    if (replica.inSync()) inSync++;
                    else outOfSync++;
                }
                if (view.loaded() && view.isPrimary(chunk, alias)) primaries++;
            }
            return new Placed(inSync, outOfSync, primaries);
        }
    }
}
