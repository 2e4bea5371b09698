package io.dolphincluster.runtime.datanode;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.runtime.http.HttpPortCounters;
import io.dolphincluster.runtime.metrics.MetricsScrape;
import io.dolphincluster.runtime.metrics.ProcessMetrics;
import io.dolphincluster.runtime.metrics.PrometheusTextParser;
import io.dolphincluster.runtime.net.DataPortCounters;
import io.dolphincluster.runtime.storage.ChunkStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A datanode's {@code GET /metrics} scraped over HTTP and parsed strictly: every family the README
 * lists for a datanode, under its name and type, moving with appends and queries.
 */
class DatanodeMetricsTest {
    /** The datanode's families in the README's metrics table. */
    static final Map<String, String> DOCUMENTED =
            Map.ofEntries(
                    entry("dolphin_datanode_ingest_rows_total", "counter"),
                    entry("dolphin_datanode_ingest_bytes_total", "counter"),
                    entry("dolphin_datanode_append_seconds", "histogram"),
                    entry("dolphin_datanode_query_seconds", "histogram"),
                    entry("dolphin_datanode_append_failures_total", "counter"),
                    entry("dolphin_datanode_query_failures_total", "counter"),
                    entry("dolphin_datanode_chunk_log_bytes", "gauge"),
                    entry("dolphin_datanode_disk_scan_ok", "gauge"),
                    entry("dolphin_datanode_local_replicas", "gauge"),
                    entry("dolphin_datanode_replicas", "gauge"),
                    entry("dolphin_datanode_primaries", "gauge"),
                    entry("dolphin_http_connections", "gauge"),
                    entry("dolphin_http_refused_total", "counter"),
                    entry("dolphin_data_port_connections", "gauge"),
                    entry("dolphin_data_port_refused_total", "counter"));

    @TempDir Path home;

    @Test
    void everyDocumentedFamilyIsServedAndMovesWithTheWork() throws Exception {
        LocalReplicas replicas = new LocalReplicas(ChunkStore.open(home, "datanode1"));
        MetadataView view = new MetadataView(null, "datanode1", "store1"); // not loaded
        DatanodeMetrics metrics =
                new DatanodeMetrics(
                        new ProcessMetrics(),
                        "datanode1",
                        replicas,
                        view,
                        () -> new HttpPortCounters(3, 0, 7, 0, 0, 0, 0, 0),
                        () -> new DataPortCounters(5, 0, 2, 1));
        metrics.appended(1000, 2_000_000); // 2 ms
        metrics.appendFailed(30_000_000); // 30 ms
        metrics.queried(400_000);
        metrics.primaryWrote(4096);

        PrometheusTextParser.Parsed parsed = MetricsScrape.overHttp(metrics.route());
        MetricsScrape.assertFamilies(parsed, DOCUMENTED);
        assertThat(
                        parsed.value(
                                "dolphin_http_refused_total",
                                "node",
                                "datanode1",
                                "reason",
                                "address_limit"))
                .isEqualTo(7);
        assertThat(parsed.value("dolphin_data_port_connections", "node", "datanode1")).isEqualTo(5);
        assertThat(parsed.value("dolphin_data_port_refused_total", "reason", "address_limit"))
                .isEqualTo(2);
        assertThat(parsed.value("dolphin_data_port_refused_total", "reason", "login_limit"))
                .isEqualTo(1);
        assertThat(parsed.value("dolphin_datanode_ingest_rows_total", "datanode", "datanode1"))
                .isEqualTo(1000);
        assertThat(parsed.value("dolphin_datanode_ingest_bytes_total")).isEqualTo(4096);
        assertThat(parsed.value("dolphin_datanode_append_seconds_count")).isEqualTo(2);
        assertThat(parsed.value("dolphin_datanode_append_seconds_bucket", "le", "0.0025"))
                .isEqualTo(1);
        assertThat(parsed.value("dolphin_datanode_append_seconds_bucket", "le", "0.05"))
                .isEqualTo(2);
        assertThat(parsed.value("dolphin_datanode_append_failures_total")).isEqualTo(1);
        assertThat(parsed.value("dolphin_datanode_query_seconds_count")).isEqualTo(1);
        assertThat(parsed.value("dolphin_datanode_query_failures_total")).isZero();
        assertThat(parsed.value("dolphin_datanode_local_replicas")).isZero();
        assertThat(parsed.value("dolphin_datanode_disk_scan_ok")).isEqualTo(1);
        assertThat(parsed.value("dolphin_datanode_replicas", "in_sync", "true")).isZero();
        assertThat(parsed.value("dolphin_datanode_primaries")).isZero();
    }
}
