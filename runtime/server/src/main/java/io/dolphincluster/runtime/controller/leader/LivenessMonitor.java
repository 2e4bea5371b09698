package io.dolphincluster.runtime.controller.leader;

import io.dolphincluster.runtime.controller.raft.LeadershipListener;
import io.dolphincluster.runtime.controller.raft.MetadataWriter;
import io.dolphincluster.runtime.metadata.ClusterMetadata;
import io.dolphincluster.runtime.metadata.MetadataCommand;
import io.dolphincluster.runtime.metadata.NodeInfo;
import io.dolphincluster.runtime.metadata.NodeState;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node liveness, on the leader only. Heartbeats are kept in memory here, never in the Raft log;
 * only a change of state (a node goes silent for longer than the timeout, or speaks again) is
 * committed. A new leader gives every node it has not heard yet the timeout plus a takeover grace,
 * from the moment it took over, before declaring it down: a node whose request to the previous
 * (paused or cut off) leader is still waiting for its timeout has not yet looked for the new one,
 * and marking every such node down would take replicas out of sync for nothing (or, with a disk
 * lost at the same time, the only complete one).
 */
public final class LivenessMonitor implements LeadershipListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LivenessMonitor.class);

    private final String alias;
    private final ClusterMetadata metadata;
    private final MetadataWriter writer;
    private final long timeoutNanos;
    private final long takeoverGraceNanos;
    private final Runnable onNodeDown;
    private final Map<String, Long> lastHeard = new ConcurrentHashMap<>();

    /** Nodes whose state change is being committed, so one silence is not committed twice. */
    private final Set<String> changing = ConcurrentHashMap.newKeySet();

    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread thread = new Thread(r, "liveness-monitor");
                        thread.setDaemon(true);
                        return thread;
                    });
    private volatile long leaderSinceNanos;
    private ScheduledFuture<?> check;

    LivenessMonitor(
            String alias,
            ClusterMetadata metadata,
            MetadataWriter writer,
            Duration timeout,
            Duration takeoverGrace) {
        this(alias, metadata, writer, timeout, takeoverGrace, () -> {});
    }

    /** {@code onNodeDown} runs after a node was marked down (replica recovery reacts at once). */
    public LivenessMonitor(
            String alias,
            ClusterMetadata metadata,
            MetadataWriter writer,
            Duration timeout,
            Duration takeoverGrace,
            Runnable onNodeDown) {
        this.onNodeDown = onNodeDown;
        this.alias = alias;
        this.metadata = metadata;
        this.writer = writer;
        this.timeoutNanos = timeout.toNanos();
        this.takeoverGraceNanos = takeoverGrace.toNanos();
    }

    @Override
    public synchronized void onLeaderReady(long term) {
        lastHeard.clear();
        leaderSinceNanos = System.nanoTime();
        if (check != null) check.cancel(false);
        long periodMillis = Math.max(100, TimeUnit.NANOSECONDS.toMillis(timeoutNanos) / 4);
        check =
                scheduler.scheduleWithFixedDelay(
                        this::markSilentNodesDown,
                        periodMillis,
                        periodMillis,
                        TimeUnit.MILLISECONDS);
        log.info("[{}] failure detection started for term {}", alias, term);
    }

    @Override
    public synchronized void onNotLeader() {
        if (check != null) {
            check.cancel(false);
            check = null;
            log.info("[{}] failure detection stopped", alias);
        }
    }

    /**
     * On the leader, how long ago each node was last heard (a node not heard since this controller
     * became leader counts from then); empty on a follower, which receives no heartbeats.
     */
    public Map<String, Long> heartbeatAgesMillis() {
        if (!leading()) return Map.of();
        long now = System.nanoTime();
        Map<String, Long> ages = new java.util.TreeMap<>();
        for (NodeInfo node : metadata.nodes()) {
            long heard = lastHeard.getOrDefault(node.alias(), leaderSinceNanos);
            ages.put(node.alias(), TimeUnit.NANOSECONDS.toMillis(now - heard));
        }
        return ages;
    }

    private synchronized boolean leading() {
        return check != null;
    }

    /** Counts a registration as a heartbeat, so a node is timed from when it registered. */
    public void registered(String node) {
        lastHeard.put(node, System.nanoTime());
    }

    /**
     * Drops what is known of a node removed from the metadata. Its entry would do no harm (checks
     * and ages walk the metadata's nodes), but a node registering again under the alias must be
     * timed afresh.
     */
    public void forget(String node) {
        lastHeard.remove(node);
    }

    /** Records a heartbeat; a node that was down is marked up again through Raft. */
    public void heartbeat(NodeInfo node) {
        lastHeard.put(node.alias(), System.nanoTime());
        if (node.state() == NodeState.DOWN) {
            commitState(node.alias(), NodeState.UP, "heartbeat resumed");
        }
    }

    /**
     * Marks a node down at once, without waiting for its heartbeat timeout: a check on the leader
     * confirmed it is gone (its port refuses connections). If it is alive after all, its next
     * heartbeat brings it back up.
     */
    public void confirmedGone(String node, String reason) {
        if (metadata.node(node).map(n -> n.state() == NodeState.UP).orElse(false))
            commitState(node, NodeState.DOWN, reason);
    }

    private void markSilentNodesDown() {
        long now = System.nanoTime();
        for (NodeInfo node : metadata.nodes()) {
            if (node.state() != NodeState.UP) continue;
            Long heard = lastHeard.get(node.alias());
            long silentNanos = now - (heard != null ? heard : leaderSinceNanos);
            long allowedNanos = heard != null ? timeoutNanos : timeoutNanos + takeoverGraceNanos;
            if (silentNanos > allowedNanos) {
                commitState(
                        node.alias(),
                        NodeState.DOWN,
                        "no heartbeat for " + TimeUnit.NANOSECONDS.toMillis(silentNanos) + " ms");
            }
        }
    }

    private void commitState(String node, NodeState state, String reason) {
        if (!changing.add(node)) return;
        long decidedNanos = System.nanoTime();
        writer.write(
                        new MetadataCommand.SetNodeState(
                                node, state, System.currentTimeMillis(), reason))
                .whenComplete(
                        (result, failure) -> {
                            changing.remove(node);
                            if (failure != null) {
                                log.warn(
                                        "[{}] could not mark {} {}: {}",
                                        alias,
                                        node,
                                        state,
                                        failure.getMessage());
                            } else if (result.applied()) {
                                log.info("[{}] node {} is {}: {}", alias, node, state, reason);
                                if (state == NodeState.DOWN) onNodeDown.run();
                            }
                            if (state == NodeState.DOWN && heardSince(node, decidedNanos)) {
                                commitState(
                                        node,
                                        NodeState.UP,
                                        "heartbeat resumed while it was being marked down");
                            }
                        });
    }

    private boolean heardSince(String node, long nanos) {
        Long heard = lastHeard.get(node);
        return heard != null && heard - nanos > 0;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
