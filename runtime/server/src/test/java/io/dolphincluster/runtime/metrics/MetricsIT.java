package io.dolphincluster.runtime.metrics;

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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /metrics} of real controllers and datanodes: it parses as Prometheus text, says who
 * leads, and its counters move when the cluster works (an append and a query through a datanode).
 */
class MetricsIT {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Schema SCHEMA =
            Schema.of(
                    new Column("id", ColumnType.LONG),
                    new Column("day", ColumnType.DATE),
                    new Column("qty", ColumnType.LONG));

    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void controllerAndDatanodeMetricsParseAndMoveWithTheWork() throws Exception {
        DataCluster cluster =
                clusters.createData(3, Map.of("dfsChunkNodeHeartBeatTimeout", "4"), 1, 1);
        ControllerProcess leader =
                cluster.controllers().get(cluster.startAll(Duration.ofSeconds(90)));
        ControllerProcess follower =
                cluster.controllers().all().stream()
                        .filter(c -> c != leader)
                        .findFirst()
                        .orElseThrow();
        DatanodeProcess entry = cluster.datanode("datanode1");

        PrometheusTextParser.Parsed before = scrapeController(leader);
        assertThat(before.value("dolphin_raft_role", "role", "LEADER")).isEqualTo(1);
        assertThat(before.value("dolphin_raft_leader_ready")).isEqualTo(1);
        assertThat(before.value("dolphin_raft_term")).isGreaterThanOrEqualTo(1);
        assertThat(before.value("dolphin_raft_members")).isEqualTo(3);
        assertThat(before.value("dolphin_raft_leader_changes_total")).isGreaterThanOrEqualTo(1);
        assertThat(before.value("dolphin_nodes", "mode", "datanode", "state", "UP")).isEqualTo(2);
        assertThat(before.value("dolphin_node_heartbeat_age_seconds", "node", "datanode1"))
                .isBetween(0.0, 4.0);
        assertThat(before.value("dolphin_chunks", "state", "healthy")).isZero();
        PrometheusTextParser.Parsed onFollower = scrapeController(follower);
        assertThat(onFollower.value("dolphin_raft_role", "role", "FOLLOWER")).isEqualTo(1);
        assertThat(onFollower.has("dolphin_node_heartbeat_age_seconds"))
                .as("only the leader hears heartbeats")
                .isFalse();

        PrometheusTextParser.Parsed datanodeBefore = scrapeDatanode(entry);
        assertThat(datanodeBefore.types())
                .containsEntry("dolphin_datanode_append_seconds", "histogram")
                .containsEntry("dolphin_datanode_ingest_rows_total", "counter");
        double rowsBefore = datanodeBefore.value("dolphin_datanode_ingest_rows_total");
        double appendsBefore = datanodeBefore.value("dolphin_datanode_append_seconds_count");
        double queriesBefore = datanodeBefore.value("dolphin_datanode_query_seconds_count");
        double bytesOnDiskBefore = datanodeBefore.value("dolphin_datanode_chunk_log_bytes");

        try (DBConnection client = new DBConnection()) {
            client.connect(entry.host(), entry.port(), "admin", "123456", "", true);
            client.createDatabase("dfs://metrics", "VALUE");
            client.createTable("dfs://metrics", "events", SCHEMA, "day");
            List<List<Object>> rows = new ArrayList<>();
            for (long id = 0; id < 1000; id++)
                rows.add(List.of(id, LocalDate.of(2024, 6, 1 + (int) (id % 4)), id % 97));
            client.append("dfs://metrics", "events", new RowBatch(SCHEMA, rows));
            RowBatch count =
                    client.query(
                            Query.from("dfs://metrics", "events")
                                    .aggregate(Aggregate.Fn.COUNT, null));
            assertThat(count.rows().get(0).get(0)).isEqualTo(1000L);
        }

        PrometheusTextParser.Parsed datanodeAfter = scrapeDatanode(entry);
        assertThat(datanodeAfter.value("dolphin_datanode_ingest_rows_total"))
                .isEqualTo(rowsBefore + 1000);
        assertThat(datanodeAfter.value("dolphin_datanode_append_seconds_count"))
                .isEqualTo(appendsBefore + 1);
        assertThat(datanodeAfter.value("dolphin_datanode_append_seconds_sum")).isPositive();
        assertThat(datanodeAfter.value("dolphin_datanode_query_seconds_count"))
                .isEqualTo(queriesBefore + 1);
        assertThat(datanodeAfter.value("dolphin_datanode_chunk_log_bytes"))
                .isGreaterThan(bytesOnDiskBefore);
        assertThat(datanodeAfter.value("dolphin_datanode_local_replicas")).isEqualTo(4);
        double ingestedBytes = 0;
        for (DatanodeProcess datanode : cluster.datanodes())
            ingestedBytes += scrapeDatanode(datanode).value("dolphin_datanode_ingest_bytes_total");
        assertThat(ingestedBytes).as("bytes written by the chunks' primaries").isPositive();

        await("the controller counts the new chunks healthy")
                .atMost(Duration.ofSeconds(20))
                .ignoreExceptions()
                .untilAsserted(
                        () -> {
                            PrometheusTextParser.Parsed after = scrapeController(leader);
                            assertThat(after.value("dolphin_chunks", "state", "healthy"))
                                    .isEqualTo(4);
                            assertThat(after.value("dolphin_replicas", "in_sync", "true"))
                                    .isEqualTo(8);
                            assertThat(after.value("dolphin_raft_commit_index"))
                                    .isGreaterThan(before.value("dolphin_raft_commit_index"));
                            assertThat(after.value("dolphin_tables")).isEqualTo(1);
                        });

        cluster.datanode("datanode2").kill();
        await("datanode2 DOWN and its chunks under-replicated")
                .atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .untilAsserted(
                        () -> {
                            PrometheusTextParser.Parsed after = scrapeController(leader);
                            assertThat(
                                            after.value(
                                                    "dolphin_nodes",
                                                    "mode",
                                                    "datanode",
                                                    "state",
                                                    "DOWN"))
                                    .isEqualTo(1);
                            assertThat(after.value("dolphin_chunks", "state", "under_replicated"))
                                    .isEqualTo(4);
                        });
    }

    private static PrometheusTextParser.Parsed scrapeController(ControllerProcess controller)
            throws Exception {
        return scrape("http://" + controller.site() + "/metrics");
    }

    private static PrometheusTextParser.Parsed scrapeDatanode(DatanodeProcess datanode)
            throws Exception {
        return scrape("http://" + datanode.host() + ":" + (datanode.port() + 1000) + "/metrics");
    }

    private static PrometheusTextParser.Parsed scrape(String url) throws Exception {
        HttpResponse<String> response =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .contains(ProcessMetrics.CONTENT_TYPE);
        return PrometheusTextParser.parse(response.body());
    }
}
