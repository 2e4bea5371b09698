package io.dolphincluster.runtime.controller.api;

import io.dolphincluster.adminapi.RaftStatus;
import io.dolphincluster.runtime.controller.leader.LivenessMonitor;
import io.dolphincluster.runtime.controller.raft.ControllerGroup;
import io.dolphincluster.runtime.http.HttpPortCounters;
import io.dolphincluster.runtime.http.MetricsRoute;
import io.dolphincluster.runtime.http.Route;
import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.metadata.ClusterMetadata;
import io.dolphincluster.runtime.metadata.MetadataSnapshot;
import io.dolphincluster.runtime.metadata.NodeInfo;
import io.dolphincluster.runtime.metadata.NodeState;
import io.dolphincluster.runtime.metadata.ReplicaInfo;
import io.dolphincluster.runtime.metrics.ProcessMetrics;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A controller's meters and its {@code GET /metrics}: its Raft role, term, commit and applied
 * index, leader changes seen, nodes by mode and state, chunks by replica state and, on the leader,
 * the heartbeat age of every node; what its HTTP port's protections refused ({@link
 * HttpPortCounters}). Every value is read at scrape time from state the controller already holds:
 * the Raft status and the metadata once per scrape, shared by the gauges that show parts of them.
 */
public final class ControllerMetrics {
    /**
     * A chunk's replica state: every replica in sync on an UP node, some missing or lagging, or
     * none readable.
     */
    static final List<String> CHUNK_STATES = List.of("healthy", "under_replicated", "unavailable");

    private static final List<String> ROLES =
            List.of("LEADER", "FOLLOWER", "CANDIDATE", "LISTENER", "NONE");
    private static final List<String> MODES = List.of("agent", "datanode");

    private final ProcessMetrics metrics;

    /** Registers the controller's meters in {@code metrics}, the process's registry. */
    public ControllerMetrics(
            ProcessMetrics metrics,
            String alias,
            ControllerGroup group,
            ClusterMetadata metadata,
            LivenessMonitor liveness,
            LongSupplier leaderChanges,
            int replicationFactor,
            Supplier<HttpPortCounters> http) {
        this.metrics = metrics;
        Tags controller = Tags.of("controller", alias);
        Supplier<RaftStatus> raft = metrics.perScrape(group::status);
        for (String role : ROLES) {
            metrics.gauge(
                    "dolphin_raft_role",
                    "1 for this controller's current Raft role",
                    controller.and("role", role),
                    () -> role.equals(raft.get().role()) ? 1 : 0);
        }
        metrics.gauge(
                "dolphin_raft_leader_ready",
                "1 when this controller is the leader and accepts writes",
                controller,
                () -> raft.get().leaderReady() ? 1 : 0);
        metrics.gauge(
                "dolphin_raft_term", "current Raft term", controller, () -> raft.get().term());
        metrics.gauge(
                "dolphin_raft_commit_index",
                "highest log index known committed",
                controller,
                () -> raft.get().commitIndex());
        metrics.gauge(
                "dolphin_raft_applied_index",
                "highest log index applied to the metadata",
                controller,
                () -> raft.get().appliedIndex());
        metrics.gauge(
                "dolphin_raft_members",
                "voting members of the Raft group",
                controller,
                () -> raft.get().members().size());
        metrics.counter(
                "dolphin_raft_leader_changes_total",
                "leader changes this controller has seen since it started",
                controller,
                leaderChanges);

        Supplier<MetadataCounts> counts =
                metrics.perScrape(() -> MetadataCounts.of(metadata.snapshot(), replicationFactor));
        for (String mode : MODES) {
            for (NodeState state : NodeState.values()) {
                String key = mode + "/" + state;
                metrics.gauge(
                        "dolphin_nodes",
                        "registered agents and datanodes by mode and state",
                        Tags.of("mode", mode, "state", state.name()),
                        () -> counts.get().nodes().getOrDefault(key, 0L));
            }
        }
        MultiGauge heartbeatAges =
                MultiGauge.builder("dolphin_node_heartbeat_age_seconds")
                        .description("seconds since the leader last heard each node (leader only)")
                        .register(metrics.registry());
        metrics.beforeScrape(
                () ->
                        heartbeatAges.register(
                                liveness.heartbeatAgesMillis().entrySet().stream()
                                        .map(
                                                age ->
                                                        MultiGauge.Row.of(
                                                                Tags.of("node", age.getKey()),
                                                                age.getValue() / 1000.0))
                                        .toList(),
                                true));
        for (String state : CHUNK_STATES) {
            metrics.gauge(
                    "dolphin_chunks",
                    "chunks by replica state: healthy (full factor in sync on UP nodes), "
                            + "under_replicated, unavailable (no in-sync replica on an UP node)",
                    Tags.of("state", state),
                    () -> counts.get().chunks().getOrDefault(state, 0L));
        }
        metrics.gauge(
                "dolphin_replicas",
                "chunk replicas by in-sync flag",
                Tags.of("in_sync", "true"),
                () -> counts.get().replicasInSync());
        metrics.gauge(
                "dolphin_replicas",
                "chunk replicas by in-sync flag",
                Tags.of("in_sync", "false"),
                () -> counts.get().replicasOutOfSync());
        metrics.gauge(
                "dolphin_databases", "databases", Tags.empty(), () -> counts.get().databases());
        metrics.gauge("dolphin_tables", "tables", Tags.empty(), () -> counts.get().tables());
        HttpPortCounters.register(metrics, alias, http);
    }

    /** {@code GET /metrics}: every meter of the process. */
    public Route route() {
        return MetricsRoute.of(metrics);
    }

    /** What the gauges show of one metadata snapshot. */
    private record MetadataCounts(
            Map<String, Long> nodes,
            Map<String, Long> chunks,
            long replicasInSync,
            long replicasOutOfSync,
            int databases,
            int tables) {
        static MetadataCounts of(MetadataSnapshot snapshot, int replicationFactor) {
            Map<String, Long> byModeState =
                    snapshot.nodes().stream()
                            .collect(
                                    Collectors.groupingBy(
                                            n -> n.mode() + "/" + n.state(),
                                            TreeMap::new,
                                            Collectors.counting()));
            Set<String> up =
                    snapshot.nodes().stream()
                            .filter(n -> n.state() == NodeState.UP)
                            .map(NodeInfo::alias)
                            .collect(Collectors.toSet());
            Map<String, Long> chunks = new TreeMap<>();
            long inSync = 0;
            long outOfSync = 0;
            for (ChunkInfo chunk : snapshot.chunks()) {
                chunks.merge(chunkState(chunk, up, replicationFactor), 1L, Long::sum);
                for (ReplicaInfo replica : chunk.replicas()) {
                    if (replica.inSync()) inSync++;
                    else outOfSync++;
                }
            }
            return new MetadataCounts(
                    byModeState,
                    chunks,
                    inSync,
                    outOfSync,
                    snapshot.databases().size(),
                    snapshot.tables().size());
        }
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
