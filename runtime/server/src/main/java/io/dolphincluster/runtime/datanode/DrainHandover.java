package io.dolphincluster.runtime.datanode;

import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.metadata.DrainRule;
import io.dolphincluster.runtime.metadata.MetadataSnapshot;
import io.dolphincluster.runtime.metadata.NodeInfo;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chunk primary's half of draining a datanode. For each chunk this node is the primary of, once
 * the chunk has its full replication factor of in-sync replicas on active datanodes ({@link
 * DrainRule#releasable}), the primary removes the chunk's replicas on draining datanodes through
 * the controller, <em>holding the chunk's lock</em> and refreshing its view before releasing it.
 *
 * <p>Holding the lock means no write of the chunk is in flight, so every acknowledged write is on
 * the replicas that stay. Refreshing before the lock is released means this node never again sends
 * a write to a released replica, nor, when it released its own replica, acts as the chunk's
 * primary, on the strength of an older view (the controller removing the replica on its own could
 * leave the primary writing from a stale view, with replicas that disagree on who the primary is).
 * The replica's datanode then deletes it ({@link ReplicaRepair}).
 */
final class DrainHandover implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DrainHandover.class);

    private final String alias;
    private final LocalReplicas replicas;
    private final MetadataView view;
    private final ReplicaStates states;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread thread = new Thread(r, "drain-handover");
                        thread.setDaemon(true);
                        return thread;
                    });

    DrainHandover(String alias, LocalReplicas replicas, MetadataView view, ReplicaStates states) {
        this.alias = alias;
        this.replicas = replicas;
        this.view = view;
        this.states = states;
    }

    /**
     * Starts a pass over the current view unless one is running (a pass may wait for chunk locks).
     */
    void runLater() {
        if (!view.loaded() || view.replicationFactor() <= 0 || !running.compareAndSet(false, true))
            return;
        try {
            worker.execute(
                    () -> {
                        try {
                            pass();
                        } finally {
                            running.set(false);
                        }
                    });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            running.set(false); // closing
        }
    }

    private void pass() {
        MetadataSnapshot snapshot = view.snapshot();
        Map<String, NodeInfo> nodes = byAlias(snapshot);
        for (ChunkInfo chunk : snapshot.chunks()) {
            if (!view.isPrimary(chunk, alias)) continue;
            if (DrainRule.releasable(chunk, nodes, view.replicationFactor()).isEmpty()) continue;
            try {
                release(chunk.id());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.warn(
                        "[{}] chunk {}: could not release its draining replicas, will retry: {}",
                        alias,
                        chunk.id(),
                        e.toString());
            }
        }
    }

    private void release(String chunkId) throws Exception {
        replicas.withChunk(
                chunkId,
                chunkLog -> {
                    MetadataSnapshot fresh =
                            view.refresh(); // decide on what the leader knows now, not on the
                    // polled copy
                    ChunkInfo chunk = view.chunk(chunkId).orElse(null);
                    if (chunk == null || !view.isPrimary(chunk, alias)) return null;
                    List<String> leaving =
                            DrainRule.releasable(chunk, byAlias(fresh), view.replicationFactor());
                    long epoch = chunk.epoch();
                    for (String node : leaving) {
                        try {
                            states.remove(chunkId, node, epoch);
                            epoch++;
                            log.info(
                                    "[{}] chunk {}: replica on draining {} released (its writes are on the replicas that stay)",
                                    alias,
                                    chunkId,
                                    node);
                        } catch (java.io.IOException e) {
                            log.warn("[{}] chunk {}: {}", alias, chunkId, e.getMessage());
                            break;
                        }
                    }
                    if (!leaving.isEmpty())
                        view.refresh(); // before the lock is released: the next write sees the
                    // new replica set
                    return null;
                });
    }

    private static Map<String, NodeInfo> byAlias(MetadataSnapshot snapshot) {
        Map<String, NodeInfo> nodes = new TreeMap<>();
        snapshot.nodes().forEach(n -> nodes.put(n.alias(), n));
        return nodes;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
