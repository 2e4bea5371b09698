package io.dolphincluster.runtime.controller.leader;

import io.dolphincluster.runtime.controller.raft.LeadershipListener;
import io.dolphincluster.runtime.controller.raft.MetadataWriter;
import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.metadata.ClusterMetadata;
import io.dolphincluster.runtime.metadata.CommandResult;
import io.dolphincluster.runtime.metadata.DrainRule;
import io.dolphincluster.runtime.metadata.MetadataCommand;
import io.dolphincluster.runtime.metadata.MetadataSnapshot;
import io.dolphincluster.runtime.metadata.NodeInfo;
import io.dolphincluster.runtime.metadata.NodeState;
import io.dolphincluster.runtime.metadata.ReplicaInfo;
import io.dolphincluster.runtime.placement.Candidate;
import io.dolphincluster.runtime.placement.PlacementException;
import io.dolphincluster.runtime.placement.PlacementPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replica recovery, on the leader only. Every pass looks at each chunk and commits at most these
 * changes:
 *
 * <ol>
 *   <li>a replica on a DOWN node is marked out of sync, but never the chunk's last in-sync replica;
 *   <li>when a chunk has fewer than {@code dfsReplicationFactor} replicas on UP nodes, not counting
 *       nodes down for less than {@code dfsRecoveryWaitTime}, and some of its replicas are on a
 *       node down for longer, one replacement replica (out of sync, version 0) is added where
 *       {@link PlacementPolicy#chooseReplacement} says (the datanode then catches it up and reports
 *       it in sync);
 *   <li>once a chunk has its full factor of in-sync replicas on UP nodes, its replicas on DOWN
 *       nodes are removed;
 *   <li>a chunk with more replicas than the factor, all on UP datanodes that are not draining,
 *       loses one surplus replica ({@link #trimSurplus});
 *   <li>when a chunk has a replica on a draining datanode and fewer than {@code
 *       dfsReplicationFactor} replicas (in sync or catching up) on UP, non-draining datanodes, one
 *       replacement replica is added at once, as for a lost node; the draining replica stays in
 *       sync and keeps serving. It is released later by the chunk's primary datanode, under its
 *       chunk lock ({@link DrainRule#releasable}), so that no primary ever writes with a stale view
 *       of who holds the chunk.
 * </ol>
 *
 * <p>{@link #plan} is pure; the metadata refuses anything that would remove a chunk's last in-sync
 * replica, so a pass working from a slightly stale view cannot do harm. Each change is one log
 * line.
 */
public final class RecoveryMonitor implements LeadershipListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RecoveryMonitor.class);
    private static final long COMMIT_WAIT_SECONDS = 30;

    /** One planned command and the log line that describes it once applied. */
    record Change(MetadataCommand command, String description) {}

    /** The changes of one pass, and, per chunk, why it could not be re-replicated. */
    record Plan(List<Change> changes, Map<String, String> problems) {}

    private final String alias;
    private final ClusterMetadata metadata;
    private final MetadataWriter writer;
    private final PlacementPolicy placement;
    private final long recoveryWaitMillis;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread thread = new Thread(r, "recovery-monitor");
                        thread.setDaemon(true);
                        return thread;
                    });

    /** The last problem logged per chunk, so a lasting one is logged once, not every pass. */
    private final Map<String, String> reportedProblems = new ConcurrentHashMap<>();

    private ScheduledFuture<?> pass;

    public RecoveryMonitor(
            String alias,
            ClusterMetadata metadata,
            MetadataWriter writer,
            PlacementPolicy placement,
            long recoveryWaitMillis) {
        this.alias = alias;
        this.metadata = metadata;
        this.writer = writer;
        this.placement = placement;
        this.recoveryWaitMillis = recoveryWaitMillis;
    }

    @Override
    public synchronized void onLeaderReady(long term) {
        if (pass != null) pass.cancel(false);
        reportedProblems.clear();
        long periodMillis = Math.max(200, Math.min(1_000, recoveryWaitMillis / 4));
        pass =
                scheduler.scheduleWithFixedDelay(
                        this::runPass, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        log.info(
                "[{}] replica recovery started for term {} (dfsRecoveryWaitTime {} ms, factor {})",
                alias,
                term,
                recoveryWaitMillis,
                placement.factor());
    }

    @Override
    public synchronized void onNotLeader() {
        if (pass != null) {
            pass.cancel(false);
            pass = null;
            log.info("[{}] replica recovery stopped", alias);
        }
    }

    /** Runs a pass now (a node was just marked down), if this controller leads. */
    public synchronized void runSoon() {
        if (pass != null) scheduler.execute(this::runPass);
    }

    private void runPass() {
        try {
            Plan plan = plan(metadata.placementSnapshot(), System.currentTimeMillis());
            reportProblems(plan.problems());
            for (Change change : plan.changes()) {
                CommandResult result =
                        writer.write(change.command()).get(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS);
                if (result.applied()) {
                    log.info("[{}] {}", alias, change.description());
                } else {
                    log.debug(
                            "[{}] skipped ({}): {}", alias, change.description(), result.message());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            // Leadership lost or no quorum: the next pass (or the next leader) starts again from
            // the metadata.
            log.warn(
                    "[{}] replica recovery pass stopped: {}",
                    alias,
                    e.getCause() != null ? e.getCause().getMessage() : e.toString());
        }
    }

    private void reportProblems(Map<String, String> problems) {
        reportedProblems.keySet().retainAll(problems.keySet());
        problems.forEach(
                (chunk, problem) -> {
                    if (!problem.equals(reportedProblems.put(chunk, problem))) {
                        log.warn("[{}] chunk {}: cannot re-replicate: {}", alias, chunk, problem);
                    }
                });
    }

    /**
     * What one pass would change, given the metadata and the time now (wall clock, as node state
     * times are).
     */
    Plan plan(MetadataSnapshot snapshot, long nowMillis) {
        Map<String, NodeInfo> nodes = new TreeMap<>();
        snapshot.nodes().forEach(n -> nodes.put(n.alias(), n));
        List<Candidate> live = new ArrayList<>(Candidate.liveDatanodes(snapshot));
        List<Change> changes = new ArrayList<>();
        Map<String, String> problems = new TreeMap<>();
        for (ChunkInfo chunk : snapshot.chunks()) {
            ChunkChanges chunkChanges = new ChunkChanges(chunk, changes);
            List<ReplicaInfo> replicas = markDownReplicasOutOfSync(chunk, nodes, chunkChanges);
            long inSyncLive =
                    replicas.stream().filter(r -> r.inSync() && isUp(nodes.get(r.node()))).count();
            if (inSyncLive >= placement.factor()) {
                for (ReplicaInfo r : replicas) {
                    if (!isUp(nodes.get(r.node()))) {
                        chunkChanges.add(
                                epoch ->
                                        new MetadataCommand.SetReplica(
                                                chunk.id(),
                                                r.node(),
                                                r.version(),
                                                r.inSync(),
                                                true,
                                                epoch),
                                "chunk " + chunk.id() + ": removed replica on " + r.node());
                    }
                }
            }
            ChunkInfo current =
                    new ChunkInfo(
                            chunk.id(),
                            chunk.database(),
                            chunk.table(),
                            chunk.partitionKey(),
                            replicas,
                            chunk.epoch());
            if (DrainRule.needsReplacement(replicas, nodes, placement.factor())) {
                String draining =
                        replicas.stream()
                                .map(ReplicaInfo::node)
                                .filter(n -> DrainRule.isDraining(nodes.get(n)))
                                .collect(Collectors.joining(", "));
                addReplacement(
                        current,
                        nodes,
                        live,
                        chunkChanges,
                        problems,
                        "replica moving off draining " + draining + " to ");
                continue;
            }
            if (inSyncLive >= placement.factor()) {
                if (chunkChanges.isEmpty()) trimSurplus(chunk, nodes, chunkChanges);
                continue;
            }
            long upOrWaiting =
                    replicas.stream().filter(r -> !isLost(nodes.get(r.node()), nowMillis)).count();
            boolean someLost = upOrWaiting < replicas.size();
            if (!someLost || upOrWaiting >= placement.factor()) continue;
            addReplacement(current, nodes, live, chunkChanges, problems, "re-replicating to ");
        }
        return new Plan(changes, problems);
    }

    /**
     * A chunk with more replicas than the factor, every one on an UP datanode that is not draining
     * (a drain that was reversed, a node back after its replacement caught up): one surplus replica
     * is removed per pass, an out-of-sync one first (it is only catching up), else the last in-sync
     * replica that is not the primary. Safe while writes go on: the removal is a new epoch, and a
     * primary acting in the old one acknowledges only writes its in-sync replicas confirmed, a
     * superset of the new epoch's.
     */
    private void trimSurplus(ChunkInfo chunk, Map<String, NodeInfo> nodes, ChunkChanges changes) {
        List<ReplicaInfo> replicas = chunk.replicas();
        if (replicas.size() <= placement.factor()) return;
        boolean allActive =
                replicas.stream()
                        .allMatch(
                                r ->
                                        isUp(nodes.get(r.node()))
                                                && !DrainRule.isDraining(nodes.get(r.node())));
        if (!allActive) return;
        String primary = chunk.primary().orElse(null);
        ReplicaInfo surplus =
                replicas.stream()
                        .filter(r -> !r.inSync())
                        .reduce((a, b) -> b)
                        .orElseGet(
                                () ->
                                        replicas.stream()
                                                .filter(r -> !r.node().equals(primary))
                                                .reduce((a, b) -> b)
                                                .orElse(null));
        if (surplus == null) return;
        changes.add(
                epoch ->
                        new MetadataCommand.SetReplica(
                                chunk.id(),
                                surplus.node(),
                                surplus.version(),
                                surplus.inSync(),
                                true,
                                epoch),
                "chunk "
                        + chunk.id()
                        + ": removed surplus "
                        + (surplus.inSync() ? "in-sync" : "out-of-sync")
                        + " replica on "
                        + surplus.node()
                        + " ("
                        + replicas.size()
                        + " replicas, factor "
                        + placement.factor()
                        + ")");
    }

    /**
     * Plans one replacement replica chosen by placement, counting it in the target's load for the
     * rest of the pass.
     */
    private void addReplacement(
            ChunkInfo chunk,
            Map<String, NodeInfo> nodes,
            List<Candidate> live,
            ChunkChanges changes,
            Map<String, String> problems,
            String why) {
        try {
            String target = placement.chooseReplacement(chunk, nodes, live);
            changes.add(
                    epoch -> new MetadataCommand.AddReplica(chunk.id(), target, epoch),
                    "chunk " + chunk.id() + ": " + why + target);
            live.replaceAll(
                    c ->
                            c.alias().equals(target)
                                    ? new Candidate(
                                            c.alias(), c.machine(), c.zone(), c.replicaCount() + 1)
                                    : c);
        } catch (PlacementException e) {
            problems.put(chunk.id(), e.getMessage());
        }
    }

    /**
     * Plans marking the chunk's in-sync replicas on down nodes out of sync, keeping one in sync;
     * returns the result.
     */
    private static List<ReplicaInfo> markDownReplicasOutOfSync(
            ChunkInfo chunk, Map<String, NodeInfo> nodes, ChunkChanges changes) {
        List<ReplicaInfo> replicas = new ArrayList<>(chunk.replicas());
        long inSync = replicas.stream().filter(ReplicaInfo::inSync).count();
        for (int i = 0; i < replicas.size() && inSync > 1; i++) {
            ReplicaInfo r = replicas.get(i);
            if (!r.inSync() || isUp(nodes.get(r.node()))) continue;
            changes.add(
                    epoch ->
                            new MetadataCommand.SetReplica(
                                    chunk.id(), r.node(), r.version(), false, false, epoch),
                    "chunk "
                            + chunk.id()
                            + ": replica on "
                            + r.node()
                            + " out of sync (node down)");
            replicas.set(i, new ReplicaInfo(r.node(), r.version(), false));
            inSync--;
        }
        return replicas;
    }

    /**
     * The changes planned for one chunk, each expecting the epoch the one before it leads to: they
     * apply in order, and once one is refused (the chunk changed meanwhile) the rest are refused
     * too, until the next pass re-plans.
     */
    private static final class ChunkChanges {
        private final List<Change> changes;
        private final long firstEpoch;
        private long nextEpoch;

        ChunkChanges(ChunkInfo chunk, List<Change> changes) {
            this.changes = changes;
            this.firstEpoch = chunk.epoch();
            this.nextEpoch = chunk.epoch();
        }

        boolean isEmpty() {
            return nextEpoch == firstEpoch;
        }

        void add(java.util.function.LongFunction<MetadataCommand> command, String description) {
            changes.add(new Change(command.apply(nextEpoch++), description));
        }
    }

    private static boolean isUp(NodeInfo node) {
        return node != null && node.state() == NodeState.UP;
    }

    /** Down for longer than the recovery wait, or no longer registered at all. */
    private boolean isLost(NodeInfo node, long nowMillis) {
        return node == null
                || (node.state() == NodeState.DOWN
                        && nowMillis - node.stateChangedAtMillis() >= recoveryWaitMillis);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
