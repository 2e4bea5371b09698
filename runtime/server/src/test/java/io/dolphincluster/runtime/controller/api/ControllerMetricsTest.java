package io.dolphincluster.runtime.controller.api;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.runtime.controller.leader.LivenessMonitor;
import io.dolphincluster.runtime.controller.raft.ControllerGroup;
import io.dolphincluster.runtime.controller.raft.ControllerPeers;
import io.dolphincluster.runtime.controller.raft.MetadataStateMachine;
import io.dolphincluster.runtime.controller.raft.MetadataWriter;
import io.dolphincluster.runtime.http.HttpPortCounters;
import io.dolphincluster.runtime.metadata.ClusterMetadata;
import io.dolphincluster.runtime.metadata.ColumnDef;
import io.dolphincluster.runtime.metadata.MetadataCommand;
import io.dolphincluster.runtime.metrics.MetricsScrape;
import io.dolphincluster.runtime.metrics.ProcessMetrics;
import io.dolphincluster.runtime.metrics.PrometheusTextParser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A controller's {@code GET /metrics} scraped over HTTP and parsed strictly: every family the
 * README lists for a controller, under its name and type, with the values of its metadata.
 */
class ControllerMetricsTest {
    /** The controller's families in the README's metrics table (the leader-only one aside). */
    static final Map<String, String> DOCUMENTED =
            Map.ofEntries(
                    entry("dolphin_raft_role", "gauge"),
                    entry("dolphin_raft_leader_ready", "gauge"),
                    entry("dolphin_raft_term", "gauge"),
                    entry("dolphin_raft_commit_index", "gauge"),
                    entry("dolphin_raft_applied_index", "gauge"),
                    entry("dolphin_raft_members", "gauge"),
                    entry("dolphin_raft_leader_changes_total", "counter"),
                    entry("dolphin_nodes", "gauge"),
                    entry("dolphin_chunks", "gauge"),
                    entry("dolphin_replicas", "gauge"),
                    entry("dolphin_databases", "gauge"),
                    entry("dolphin_tables", "gauge"),
                    entry("dolphin_http_connections", "gauge"),
                    entry("dolphin_http_refused_total", "counter"));

    @Test
    void everyDocumentedFamilyIsServedAndParses() throws Exception {
        ClusterMetadata metadata = new ClusterMetadata();
        for (String node : List.of("datanode1", "datanode2"))
            apply(
                    metadata,
                    new MetadataCommand.RegisterNode(node, "127.0.0.1:1", "datanode", node, "", 0));
        apply(metadata, new MetadataCommand.CreateDatabase("trades", "VALUE(date)", 1));
        apply(
                metadata,
                new MetadataCommand.CreateTable(
                        "trades", "quotes", List.of(new ColumnDef("date", "DATE")), "date"));
        apply(
                metadata,
                new MetadataCommand.CreateChunk(
                        "c1", "trades", "quotes", "d1", List.of("datanode1", "datanode2")));
        MetadataStateMachine stateMachine = new MetadataStateMachine("controller1", metadata);
        ControllerGroup group =
                new ControllerGroup(
                        "controller1", "start", new ControllerPeers(1000), stateMachine);
        LivenessMonitor liveness =
                new LivenessMonitor(
                        "controller1",
                        metadata,
                        new MetadataWriter(group, Duration.ofSeconds(1)),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(8),
                        () -> {});
        ControllerMetrics metrics =
                new ControllerMetrics(
                        new ProcessMetrics(),
                        "controller1",
                        group,
                        metadata,
                        liveness,
                        () -> 3,
                        2,
                        () -> new HttpPortCounters(5, 1, 3, 2, 0, 0, 0, 6));

        PrometheusTextParser.Parsed parsed = MetricsScrape.overHttp(metrics.route());
        MetricsScrape.assertFamilies(parsed, DOCUMENTED);
        assertThat(parsed.value("dolphin_raft_role", "controller", "controller1", "role", "NONE"))
                .as("not started: no role")
                .isEqualTo(1);
        assertThat(parsed.value("dolphin_raft_role", "role", "LEADER")).isZero();
        assertThat(parsed.value("dolphin_raft_leader_changes_total")).isEqualTo(3);
        assertThat(parsed.value("dolphin_nodes", "mode", "datanode", "state", "UP")).isEqualTo(2);
        assertThat(parsed.value("dolphin_nodes", "mode", "agent", "state", "UP")).isZero();
        assertThat(parsed.value("dolphin_chunks", "state", "healthy")).isEqualTo(1);
        assertThat(parsed.value("dolphin_chunks", "state", "unavailable")).isZero();
        assertThat(parsed.value("dolphin_replicas", "in_sync", "true")).isEqualTo(2);
        assertThat(parsed.value("dolphin_databases")).isEqualTo(1);
        assertThat(parsed.value("dolphin_tables")).isEqualTo(1);
        assertThat(parsed.value("dolphin_http_connections", "node", "controller1")).isEqualTo(5);
        assertThat(parsed.value("dolphin_http_refused_total", "reason", "header_timeout"))
                .isEqualTo(2);
        assertThat(parsed.value("dolphin_http_refused_total", "reason", "address_limit"))
                .isEqualTo(3);
        assertThat(parsed.value("dolphin_http_refused_total", "reason", "login_limit"))
                .as("DolphinDB's API on the HTTP port")
                .isEqualTo(6);
        assertThat(parsed.has("dolphin_node_heartbeat_age_seconds"))
                .as("only the leader hears heartbeats")
                .isFalse();
    }

    private static void apply(ClusterMetadata metadata, MetadataCommand command) {
        assertThat(metadata.apply(command).applied()).as(command.toString()).isTrue();
    }
}
