package io.dolphincluster.runtime.datanode;

import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.storage.ChunkLog;
import io.dolphincluster.runtime.storage.ChunkRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write path on a chunk's primary, where "an acknowledged write survives the loss of any RF-1 machines"
 * is kept. Under the chunk's lock: a write whose id the log already holds is a retry and is not appended
 * again; otherwise it gets the next sequence number and is appended and fsynced locally. Then every other
 * in-sync replica is brought up to the primary's last record (the new one, plus any it missed). A replica
 * that cannot be brought up to date is marked out of sync through the controller <em>before</em> the write is
 * acknowledged; if the controller cannot be told, the write fails and the client's retry (same id) finishes it.
 */
public final class ReplicationPath {
    private static final Logger log = LoggerFactory.getLogger(ReplicationPath.class);
    private static final long REPLICA_TIMEOUT_MILLIS = 5_000;

    private final String alias;
    private final LocalReplicas replicas;
    private final MetadataView view;
    private final ReplicaPeers peers;
    private final ReplicaStates states;
    private final DatanodeMetrics metrics;

    ReplicationPath(String alias, LocalReplicas replicas, MetadataView view, ReplicaPeers peers, ReplicaStates states,
                    DatanodeMetrics metrics) {
        this.metrics = metrics;
        this.alias = alias;
        this.replicas = replicas;
        this.view = view;
        this.peers = peers;
        this.states = states;
    }

    /** Writes {@code rows} ({@code RowBatchCodec} bytes) to chunk {@code chunkId}, of which this node must be the primary. */
    public void write(String chunkId, String writeId, byte[] rows) throws Exception {
        replicas.withChunk(chunkId, chunkLog -> {
            // Read under the lock: a catch-up that just marked a replica in sync refreshed the view while holding it.
            ChunkInfo chunk = primaryChunk(chunkId);
            List<ChunkRecord> fresh = new ArrayList<>();
            if (!chunkLog.contains(writeId)) {
                ChunkRecord record = new ChunkRecord(chunkLog.lastSeq() + 1, writeId, rows);
                chunkLog.append(record);
                metrics.primaryWrote(record.payload().length);
                fresh.add(record);
            }
            bringReplicasUpToDate(chunk, chunkLog, fresh);
            return null;
        });
    }

    /**
     * The primary's half of a catch-up: under the chunk's lock, if the replica has every record, mark it in sync.
     */
    public boolean catchUp(String chunkId, String replica, long replicaLastSeq) throws Exception {
        return replicas.withChunk(chunkId, chunkLog -> {
            primaryChunk(chunkId);
            if (replicaLastSeq != chunkLog.lastSeq()) return false;
            states.markInSync(chunkId, replica, replicaLastSeq);
            view.refresh();  // before the lock is released, so the next write is sent to the replica too
            return true;
        });
    }

    private ChunkInfo primaryChunk(String chunkId) throws Exception {
        ChunkInfo chunk = view.chunk(chunkId).orElse(null);
        if (chunk == null || !view.isPrimary(chunk, alias)) {
            view.refresh();
            chunk = view.chunk(chunkId).orElseThrow(() -> new NotPrimaryException(alias + " does not know chunk " + chunkId));
            String primary = view.primaryOf(chunk).orElse(null);
            if (!alias.equals(primary)) {
                throw new NotPrimaryException(alias + " is not the primary of chunk " + chunkId + " (the primary is " + primary + ")");
            }
        }
        return chunk;
    }

    private void bringReplicasUpToDate(ChunkInfo chunk, ChunkLog chunkLog, List<ChunkRecord> fresh) throws Exception {
        long target = chunkLog.lastSeq();
        Map<String, CompletableFuture<Boolean>> sent = new java.util.LinkedHashMap<>();
        for (String replica : view.readableReplicas(chunk)) {
            if (replica.equals(alias)) continue;
            sent.put(replica, peers.append(replica, chunk.id(), fresh)
                    .thenCompose(lastSeq -> lastSeq >= target
                            ? CompletableFuture.completedFuture(lastSeq)
                            : resend(replica, chunk.id(), chunkLog, lastSeq))
                    .thenApply(lastSeq -> lastSeq >= target)
                    .orTimeout(REPLICA_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                    .exceptionally(failure -> false));
        }
        boolean marked = false;
        for (Map.Entry<String, CompletableFuture<Boolean>> entry : sent.entrySet()) {
            if (!entry.getValue().join()) {
                log.warn("[{}] chunk {}: replica on {} did not confirm record {}; marking it out of sync", alias, chunk.id(), entry.getKey(), target);
                states.markOutOfSync(chunk.id(), entry.getKey(), "did not confirm record " + target);
                marked = true;
            }
        }
        if (marked) view.refresh();  // the next write must not wait for the replica just dropped
    }

    private CompletableFuture<Long> resend(String replica, String chunkId, ChunkLog chunkLog, long replicaLastSeq) {
        try {
            return peers.append(replica, chunkId, chunkLog.readAfter(replicaLastSeq));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
