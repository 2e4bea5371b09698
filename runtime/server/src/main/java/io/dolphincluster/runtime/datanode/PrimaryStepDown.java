package io.dolphincluster.runtime.datanode;

import io.dolphincluster.runtime.metadata.ChunkInfo;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stopping datanode hands each chunk it is the primary of to the next in-sync replica, before its
 * sockets close: holding the chunk's lock (so no write of the chunk is in flight), it marks its own
 * replica out of sync through the controller and refreshes its view (so it accepts no later write
 * as primary). Without this, writes to those chunks fail until the leader notices the node is gone
 * (the heartbeat timeout) or the node is back; with it, coordinators find the new primary on their
 * first retry. A chunk whose only in-sync replica is here keeps it (the controller refuses to mark
 * the last one anyway); when the node starts again, its replicas catch up like any out-of-sync
 * replica. Bounded by a deadline, so a stop never hangs on an unreachable controller.
 */
final class PrimaryStepDown implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PrimaryStepDown.class);
    static final Duration DEADLINE = Duration.ofSeconds(10);

    private final String alias;
    private final LocalReplicas replicas;
    private final MetadataView view;
    private final ReplicaStates states;

    PrimaryStepDown(String alias, LocalReplicas replicas, MetadataView view, ReplicaStates states) {
        this.alias = alias;
        this.replicas = replicas;
        this.view = view;
        this.states = states;
    }

    /** Steps down; called first when the datanode stops. */
    @Override
    public void close() {
        if (!view.loaded()) return;
        long giveUpAt = System.nanoTime() + DEADLINE.toNanos();
        List<ChunkInfo> led = view.snapshot().chunks().stream().filter(this::handsOver).toList();
        int handed = 0;
        for (ChunkInfo chunk : led) {
            if (System.nanoTime() - giveUpAt > 0) {
                log.warn(
                        "[{}] stopping: {} chunks still led from here after {} s; the leader fails them over",
                        alias,
                        led.size() - handed,
                        DEADLINE.toSeconds());
                return;
            }
            try {
                replicas.withChunk(
                        chunk.id(),
                        chunkLog -> {
                            ChunkInfo current = view.chunk(chunk.id()).orElse(null);
                            if (current != null && handsOver(current)) {
                                states.markOutOfSync(
                                        chunk.id(),
                                        alias,
                                        current.epoch(),
                                        "datanode stopping: another in-sync replica leads");
                                view.refresh();
                            }
                            return null;
                        });
                handed++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.warn(
                        "[{}] stopping: chunk {} not handed over: {}",
                        alias,
                        chunk.id(),
                        e.toString());
            }
        }
        if (!led.isEmpty())
            log.info(
                    "[{}] stopping: handed {} of {} led chunks to other replicas",
                    alias,
                    handed,
                    led.size());
    }

    /**
     * This node is the chunk's primary and another in-sync replica on a live node can take over.
     */
    private boolean handsOver(ChunkInfo chunk) {
        return view.isPrimary(chunk, alias)
                && view.readableReplicas(chunk).stream().anyMatch(node -> !node.equals(alias));
    }
}
