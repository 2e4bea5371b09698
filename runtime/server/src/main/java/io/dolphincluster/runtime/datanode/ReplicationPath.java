package io.dolphincluster.runtime.datanode;

import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.storage.ChunkLog;
import io.dolphincluster.runtime.storage.ChunkRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write path on a chunk's primary, where "an acknowledged write survives the loss of any RF-1 machines" is
 * kept. Everything happens under the chunk's lock:
 * <ol>
 *   <li>this node must be the chunk's primary in the epoch its view holds (the first in-sync replica);</li>
 *   <li>a write whose id the log already holds is a retry and is not appended again; otherwise it gets the next
 *       sequence number and is appended and fsynced locally;</li>
 *   <li>every other replica in sync in that epoch, up or not, is brought to the primary's {@link LogPosition}: a
 *       replica confirms only when its last sequence number <em>and</em> its digest equal the primary's;</li>
 *   <li>each replica that does not confirm is marked out of sync through the controller, as a compare-and-set on the
 *       epoch; when the controller refuses (the configuration changed), the view is refreshed and the replicas in
 *       sync in the new epoch are tried again, as long as this node is still the primary.</li>
 * </ol>
 * The write is acknowledged only when every replica in sync in the current epoch has confirmed; otherwise it
 * fails, and the client's retry (same write id) finishes it.
 */
public final class ReplicationPath {
    private static final Logger log = LoggerFactory.getLogger(ReplicationPath.class);
    private static final long REPLICA_TIMEOUT_MILLIS = 5_000;
    private static final int MAX_ROUNDS = 3;

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
     * The primary's half of a catch-up: under the chunk's lock, if the replica's log is at the primary's position, mark
     * it in sync (compare-and-set on the epoch) and refresh the view before the lock is released.
     */
    public boolean catchUp(String chunkId, String replica, LogPosition position) throws Exception {
        return replicas.withChunk(chunkId, chunkLog -> {
            ChunkInfo chunk = primaryChunk(chunkId);
            if (chunk.replicaOn(replica).isEmpty()) throw new IllegalArgumentException(replica + " holds no replica of chunk " + chunkId);
            if (!position.equals(LogPosition.of(chunkLog))) return false;
            states.markInSync(chunkId, replica, position.lastSeq(), chunk.epoch());
            view.refresh();  // before the lock is released, so the next write is sent to the replica too
            return true;
        });
    }

    private ChunkInfo primaryChunk(String chunkId) throws Exception {
        ChunkInfo chunk = view.chunk(chunkId).orElse(null);
        if (chunk == null || !view.isPrimary(chunk, alias)) {
            view.refresh();
            chunk = view.chunk(chunkId).orElseThrow(() -> new NotPrimaryException(alias + " does not know chunk " + chunkId));
            requirePrimary(chunk);
        }
        return chunk;
    }

    private void requirePrimary(ChunkInfo chunk) throws NotPrimaryException {
        if (!view.isPrimary(chunk, alias)) {
            throw new NotPrimaryException(alias + " is not the primary of chunk " + chunk.id() + " in epoch " + chunk.epoch()
                    + " (the primary is " + view.primaryOf(chunk).orElse(null) + ")");
        }
    }

    private void bringReplicasUpToDate(ChunkInfo first, ChunkLog chunkLog, List<ChunkRecord> fresh) throws Exception {
        LogPosition target = LogPosition.of(chunkLog);
        Set<String> confirmed = new HashSet<>(Set.of(alias));
        ChunkInfo chunk = first;
        for (int round = 1; ; round++) {
            List<String> pending = view.inSyncReplicas(chunk).stream().filter(r -> !confirmed.contains(r)).toList();
            if (pending.isEmpty()) return;
            if (round > MAX_ROUNDS) {
                throw new IllegalStateException("chunk " + chunk.id() + ": replicas " + pending + " neither confirmed record "
                        + target.lastSeq() + " nor could be marked out of sync");
            }
            Map<String, CompletableFuture<LogPosition>> answers = new LinkedHashMap<>();
            for (String replica : pending) answers.put(replica, bringUp(replica, chunk, chunkLog, fresh));
            long epoch = chunk.epoch();
            boolean refused = false;
            for (Map.Entry<String, CompletableFuture<LogPosition>> answer : answers.entrySet()) {
                String replica = answer.getKey();
                String problem = problem(answer.getValue(), target);
                if (problem == null) {
                    confirmed.add(replica);
                    continue;
                }
                if (refused) continue;
                try {
                    states.markOutOfSync(chunk.id(), replica, epoch, "did not confirm record " + target.lastSeq() + ": " + problem);
                    epoch++;
                } catch (java.io.IOException e) {
                    log.info("[{}] chunk {}: replica on {} not marked out of sync ({}); rereading the configuration", alias,
                            chunk.id(), replica, e.getMessage());
                    refused = true;
                }
            }
            if (epoch == chunk.epoch() && !refused) return;
            view.refresh();  // the next write must not wait for the replicas just dropped, nor act in an older epoch
            chunk = view.chunk(chunk.id()).orElseThrow(() -> new NotPrimaryException("chunk " + first.id() + " is gone"));
            requirePrimary(chunk);
        }
    }

    /** Sends the new records, then whatever the replica turns out to miss; the replica's position afterwards. */
    private CompletableFuture<LogPosition> bringUp(String replica, ChunkInfo chunk, ChunkLog chunkLog, List<ChunkRecord> fresh) {
        return peers.append(replica, chunk.id(), chunk.epoch(), fresh)
                .thenCompose(position -> position.lastSeq() >= chunkLog.lastSeq()
                        ? CompletableFuture.completedFuture(position)
                        : resend(replica, chunk, chunkLog, position.lastSeq()))
                .orTimeout(REPLICA_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Null when the replica is at {@code target}, else what is wrong. */
    private static String problem(CompletableFuture<LogPosition> answer, LogPosition target) {
        try {
            LogPosition position = answer.join();
            return position.equals(target) ? null : "its log is at " + position + ", the primary's at " + target;
        } catch (RuntimeException e) {
            Throwable cause = io.dolphincluster.runtime.AsyncFailure.cause(e);
            return String.valueOf(cause.getMessage());
        }
    }

    private CompletableFuture<LogPosition> resend(String replica, ChunkInfo chunk, ChunkLog chunkLog, long replicaLastSeq) {
        try {
            return peers.append(replica, chunk.id(), chunk.epoch(), chunkLog.readAfter(replicaLastSeq));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
