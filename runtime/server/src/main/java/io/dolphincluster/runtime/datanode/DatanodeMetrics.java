package io.dolphincluster.runtime.datanode;

import io.dolphincluster.runtime.http.Access;
import io.dolphincluster.runtime.http.ApiResponse;
import io.dolphincluster.runtime.http.Route;
import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.metadata.MetadataSnapshot;
import io.dolphincluster.runtime.metadata.ReplicaInfo;
import io.dolphincluster.runtime.metrics.LatencyHistogram;
import io.dolphincluster.runtime.metrics.PrometheusText;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * A datanode's counters and its {@code GET /metrics} (Prometheus text, on the HTTP port): rows
 * appended by clients through this node, payload bytes it wrote to its chunk logs as a chunk's
 * primary (each row is counted once in the cluster, by its primary), append and query latency
 * histograms and counts (failures included, labelled), the bytes of its chunk log files on disk,
 * and its replicas: on disk, and in or out of sync as the metadata says. Recording is lock-free;
 * disk sizes are read at scrape time.
 */
final class DatanodeMetrics {
    private final String alias;
    private final LongAdder rowsIngested = new LongAdder();
    private final LongAdder bytesIngested = new LongAdder();
    private final LongAdder appendFailures = new LongAdder();
    private final LongAdder queryFailures = new LongAdder();
    private final LatencyHistogram appendLatency = new LatencyHistogram();
    private final LatencyHistogram queryLatency = new LatencyHistogram();

    DatanodeMetrics(String alias) {
        this.alias = alias;
    }

    void appended(int rows, long nanos) {
        rowsIngested.add(rows);
        appendLatency.record(nanos);
    }

    void appendFailed(long nanos) {
        appendFailures.increment();
        appendLatency.record(nanos);
    }

    void queried(long nanos) {
        queryLatency.record(nanos);
    }

    void queryFailed(long nanos) {
        queryFailures.increment();
        queryLatency.record(nanos);
    }

    /** Payload bytes written to a local chunk log as the chunk's primary. */
    void primaryWrote(long bytes) {
        bytesIngested.add(bytes);
    }

    Route route(LocalReplicas replicas, MetadataView view) {
        return new Route(
                "GET",
                "/metrics",
                Access.PUBLIC,
                r ->
                        CompletableFuture.supplyAsync(
                                () ->
                                        ApiResponse.text(
                                                PrometheusText.CONTENT_TYPE,
                                                render(replicas, view))));
    }

    String render(LocalReplicas replicas, MetadataView view) {
        Map<String, String> node = PrometheusText.labels("datanode", alias);
        PrometheusText text = new PrometheusText();
        text.family(
                        "dolphin_datanode_ingest_rows_total",
                        "counter",
                        "rows appended by clients through this datanode")
                .sample("dolphin_datanode_ingest_rows_total", node, rowsIngested.sum());
        text.family(
                        "dolphin_datanode_ingest_bytes_total",
                        "counter",
                        "payload bytes written to local chunk logs as the chunk's primary")
                .sample("dolphin_datanode_ingest_bytes_total", node, bytesIngested.sum());
        text.family(
                        "dolphin_datanode_append_failures_total",
                        "counter",
                        "client appends that failed")
                .sample("dolphin_datanode_append_failures_total", node, appendFailures.sum());
        text.family(
                        "dolphin_datanode_query_failures_total",
                        "counter",
                        "client queries that failed")
                .sample("dolphin_datanode_query_failures_total", node, queryFailures.sum());
        appendLatency.writeTo(
                text,
                "dolphin_datanode_append_seconds",
                "client append latency, acknowledged on every in-sync replica",
                node);
        queryLatency.writeTo(
                text,
                "dolphin_datanode_query_seconds",
                "client query latency (the count is the number of queries)",
                node);

        long files = 0;
        long bytes = 0;
        boolean diskRead = true;
        try {
            for (String chunkId : replicas.chunkIds()) {
                files++;
                bytes += replicas.read(chunkId).sizeBytes();
            }
        } catch (IOException | RuntimeException e) {
            diskRead = false;
        }
        text.family(
                        "dolphin_datanode_chunk_log_bytes",
                        "gauge",
                        "bytes of this datanode's chunk log files on disk")
                .sample("dolphin_datanode_chunk_log_bytes", node, bytes);
        text.family(
                        "dolphin_datanode_disk_scan_ok",
                        "gauge",
                        "1 when the chunk logs could be listed and sized for this scrape")
                .sample("dolphin_datanode_disk_scan_ok", node, diskRead ? 1 : 0);
        text.family(
                        "dolphin_datanode_local_replicas",
                        "gauge",
                        "chunk replicas with a log on this datanode's disk")
                .sample("dolphin_datanode_local_replicas", node, files);
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
        text.family(
                        "dolphin_datanode_replicas",
                        "gauge",
                        "replicas the metadata places on this datanode, by in-sync flag")
                .sample(
                        "dolphin_datanode_replicas",
                        PrometheusText.labels("datanode", alias, "in_sync", "true"),
                        inSync)
                .sample(
                        "dolphin_datanode_replicas",
                        PrometheusText.labels("datanode", alias, "in_sync", "false"),
                        outOfSync);
        text.family("dolphin_datanode_primaries", "gauge", "chunks whose primary is this datanode")
                .sample("dolphin_datanode_primaries", node, primaries);
        return text.toString();
    }
}
