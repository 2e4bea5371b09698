package io.dolphincluster.runtime.controller.api;

import io.dolphincluster.adminapi.RaftStatus;
import io.dolphincluster.runtime.controller.leader.LivenessMonitor;
import io.dolphincluster.runtime.controller.raft.ControllerGroup;
import io.dolphincluster.runtime.http.Access;
import io.dolphincluster.runtime.http.ApiResponse;
import io.dolphincluster.runtime.http.HttpPortCounters;
import io.dolphincluster.runtime.http.Route;
import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.metadata.ClusterMetadata;
import io.dolphincluster.runtime.metadata.MetadataSnapshot;
import io.dolphincluster.runtime.metadata.NodeInfo;
import io.dolphincluster.runtime.metadata.NodeState;
import io.dolphincluster.runtime.metadata.ReplicaInfo;
import io.dolphincluster.runtime.metrics.PrometheusText;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code GET /metrics} on a controller, in the Prometheus text format: its Raft role, term, commit
 * and applied index, leader changes seen, nodes by mode and state, chunks by replica state and, on
 * the leader, the heartbeat age of every node; what its HTTP port's protections refused ({@link
 * HttpPortCounters}). Every value is computed at scrape time from state the controller already
 * holds.
 */
public final class ControllerMetrics {
    /**
     * A chunk's replica state: every replica in sync on an UP node, some missing or lagging, or
     * none readable.
     */
    static final List<String> CHUNK_STATES = List.of("healthy", "under_replicated", "unavailable");

    private final String alias;
    private final ControllerGroup group;
    private final ClusterMetadata metadata;
    private final LivenessMonitor liveness;
    private final LongSupplier leaderChanges;
    private final int replicationFactor;
    private final Supplier<HttpPortCounters> http;

    public ControllerMetrics(
            String alias,
            ControllerGroup group,
            ClusterMetadata metadata,
            LivenessMonitor liveness,
            LongSupplier leaderChanges,
            int replicationFactor,
            Supplier<HttpPortCounters> http) {
        this.http = http;
        this.alias = alias;
        this.group = group;
        this.metadata = metadata;
        this.liveness = liveness;
        this.leaderChanges = leaderChanges;
        this.replicationFactor = replicationFactor;
    }

    public Route route() {
        return new Route(
                "GET",
                "/metrics",
                Access.PUBLIC,
                r ->
                        CompletableFuture.completedFuture(
                                ApiResponse.text(PrometheusText.CONTENT_TYPE, render())));
    }

    String render() {
        RaftStatus raft = group.status();
        MetadataSnapshot snapshot = metadata.snapshot();
        PrometheusText text = new PrometheusText();
        text.family("dolphin_raft_role", "gauge", "1 for this controller's current Raft role");
        for (String role : List.of("LEADER", "FOLLOWER", "CANDIDATE", "LISTENER", "NONE")) {
            text.sample(
                    "dolphin_raft_role",
                    PrometheusText.labels("controller", alias, "role", role),
                    role.equals(raft.role()) ? 1 : 0);
        }
        text.family(
                        "dolphin_raft_leader_ready",
                        "gauge",
                        "1 when this controller is the leader and accepts writes")
                .sample(
                        "dolphin_raft_leader_ready",
                        PrometheusText.labels("controller", alias),
                        raft.leaderReady() ? 1 : 0);
        text.family("dolphin_raft_term", "gauge", "current Raft term")
                .sample(
                        "dolphin_raft_term",
                        PrometheusText.labels("controller", alias),
                        raft.term());
        text.family("dolphin_raft_commit_index", "gauge", "highest log index known committed")
                .sample(
                        "dolphin_raft_commit_index",
                        PrometheusText.labels("controller", alias),
                        raft.commitIndex());
        text.family(
                        "dolphin_raft_applied_index",
                        "gauge",
                        "highest log index applied to the metadata")
                .sample(
                        "dolphin_raft_applied_index",
                        PrometheusText.labels("controller", alias),
                        raft.appliedIndex());
        text.family("dolphin_raft_members", "gauge", "voting members of the Raft group")
                .sample(
                        "dolphin_raft_members",
                        PrometheusText.labels("controller", alias),
                        raft.members().size());
        text.family(
                        "dolphin_raft_leader_changes_total",
                        "counter",
                        "leader changes this controller has seen since it started")
                .sample(
                        "dolphin_raft_leader_changes_total",
                        PrometheusText.labels("controller", alias),
                        leaderChanges.getAsLong());

        text.family("dolphin_nodes", "gauge", "registered agents and datanodes by mode and state");
        Map<String, Long> byModeState =
                snapshot.nodes().stream()
                        .collect(
                                Collectors.groupingBy(
                                        n -> n.mode() + "/" + n.state(),
                                        TreeMap::new,
                                        Collectors.counting()));
        for (String mode : List.of("agent", "datanode")) {
            for (NodeState state : NodeState.values()) {
                text.sample(
                        "dolphin_nodes",
                        PrometheusText.labels("mode", mode, "state", state.name()),
                        byModeState.getOrDefault(mode + "/" + state, 0L));
            }
        }
        Map<String, Long> ages = liveness.heartbeatAgesMillis();
        text.family(
                "dolphin_node_heartbeat_age_seconds",
                "gauge",
                "seconds since the leader last heard each node (leader only)");
        for (Map.Entry<String, Long> age : ages.entrySet()) {
            text.sample(
                    "dolphin_node_heartbeat_age_seconds",
                    PrometheusText.labels("node", age.getKey()),
                    age.getValue() / 1000.0);
        }

        Set<String> up =
                snapshot.nodes().stream()
                        .filter(n -> n.state() == NodeState.UP)
                        .map(NodeInfo::alias)
                        .collect(Collectors.toSet());
        Map<String, Long> chunks = new TreeMap<>();
        long replicasInSync = 0;
        long replicasOutOfSync = 0;
        for (ChunkInfo chunk : snapshot.chunks()) {
            chunks.merge(chunkState(chunk, up, replicationFactor), 1L, Long::sum);
            for (ReplicaInfo replica : chunk.replicas()) {
                if (replica.inSync()) replicasInSync++;
                else replicasOutOfSync++;
            }
        }
        text.family(
                "dolphin_chunks",
                "gauge",
                "chunks by replica state: healthy (full factor in sync on UP nodes), "
                        + "under_replicated, unavailable (no in-sync replica on an UP node)");
        for (String state : CHUNK_STATES) {
            text.sample(
                    "dolphin_chunks",
                    PrometheusText.labels("state", state),
                    chunks.getOrDefault(state, 0L));
        }
        text.family("dolphin_replicas", "gauge", "chunk replicas by in-sync flag")
                .sample(
                        "dolphin_replicas",
                        PrometheusText.labels("in_sync", "true"),
                        replicasInSync)
                .sample(
                        "dolphin_replicas",
                        PrometheusText.labels("in_sync", "false"),
                        replicasOutOfSync);
        text.single("dolphin_databases", "gauge", "databases", snapshot.databases().size());
        text.single("dolphin_tables", "gauge", "tables", snapshot.tables().size());
        http.get().writeTo(text, alias);
        return text.toString();
    }

    /** One of {@link #CHUNK_STATES}. */
    static String chunkState(ChunkInfo chunk, Set<String> upNodes, int replicationFactor) {
        long readable =
                chunk.replicas().stream()
                        .filter(r -> r.inSync() && upNodes.contains(r.node()))
                        .count();
        if (readable == 0) return "unavailable";
        return readable >= replicationFactor ? "healthy" : "under_replicated";
    }
}
