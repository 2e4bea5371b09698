package io.dolphincluster.runtime.datanode;

import io.dolphincluster.runtime.AsyncFailure;
import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.replication.CatchUpRule;
import io.dolphincluster.runtime.replication.LogPosition;
import io.dolphincluster.runtime.replication.PrimaryRound;
import io.dolphincluster.runtime.replication.PrimaryRound.Effect;
import io.dolphincluster.runtime.replication.PrimaryRound.Event;
import io.dolphincluster.runtime.storage.ChunkLog;
import io.dolphincluster.runtime.storage.ChunkRecord;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The write path on a chunk's primary, the driver of {@link PrimaryRound}. Under the chunk's lock:
 * a write whose id the log already holds is a retry and is not appended again; otherwise it gets
 * the next sequence number and is appended and fsynced locally. Then the round decides, and this
 * class carries out, what it takes to acknowledge: records sent to the in-sync replicas ({@link
 * ReplicaPeers#append}), replicas marked out of sync ({@link ReplicaStates}, compare-and-set on the
 * epoch), the view refreshed. A round that fails fails the write; the client's retry (same write
 * id) finishes it.
 */
public final class ReplicationPath {
    private static final long REPLICA_TIMEOUT_MILLIS = 5_000;

    private final String alias;
    private final LocalReplicas replicas;
    private final MetadataView view;
    private final ReplicaPeers peers;
    private final ReplicaStates states;
    private final DatanodeMetrics metrics;

    ReplicationPath(
            String alias,
            LocalReplicas replicas,
            MetadataView view,
            ReplicaPeers peers,
            ReplicaStates states,
            DatanodeMetrics metrics) {
        this.metrics = metrics;
        this.alias = alias;
        this.replicas = replicas;
        this.view = view;
        this.peers = peers;
        this.states = states;
    }

    /**
     * Writes {@code rows} ({@code RowBatchCodec} bytes) to chunk {@code chunkId}, of which this
     * node must be the primary.
     */
    public void write(String chunkId, String writeId, byte[] rows) throws Exception {
        replicas.withChunk(
                chunkId,
                chunkLog -> {
                    // Read under the lock: a catch-up that just marked a replica in sync refreshed
                    // the view while holding it.
                    ChunkInfo chunk = knownChunk(chunkId);
                    if (!view.isPrimary(chunk, alias)) {
                        view.refresh();
                        chunk = knownChunk(chunkId);
                    }
                    if (!view.isPrimary(chunk, alias)) throw notPrimary(chunk);
                    List<ChunkRecord> fresh = new ArrayList<>();
                    if (!chunkLog.contains(writeId)) {
                        ChunkRecord record = new ChunkRecord(chunkLog.lastSeq() + 1, writeId, rows);
                        chunkLog.append(record);
                        metrics.primaryWrote(record.payload().length);
                        fresh.add(record);
                    }
                    replicate(chunk, chunkLog, fresh);
                    return null;
                });
    }

    /**
     * The primary's half of a catch-up ({@link CatchUpRule#primaryVerdict}): under the chunk's
     * lock, if the replica's log is at the primary's position, mark it in sync and refresh the view
     * before the lock is released, so the next write is sent to it too. False when the primary has
     * more (or other) records.
     */
    public boolean catchUp(String chunkId, String replica, LogPosition position) throws Exception {
        return replicas.withChunk(
                chunkId,
                chunkLog -> {
                    CatchUpRule.Verdict verdict =
                            CatchUpRule.primaryVerdict(
                                    alias,
                                    view.chunk(chunkId).orElse(null),
                                    replica,
                                    position,
                                    LogPosition.of(chunkLog));
                    if (verdict instanceof CatchUpRule.Verdict.Refuse refuse) {
                        view.refresh();
                        verdict =
                                CatchUpRule.primaryVerdict(
                                        alias,
                                        view.chunk(chunkId).orElse(null),
                                        replica,
                                        position,
                                        LogPosition.of(chunkLog));
                        if (verdict instanceof CatchUpRule.Verdict.Refuse again)
                            throw new NotPrimaryException(again.reason());
                    }
                    if (verdict instanceof CatchUpRule.Verdict.MarkInSync mark) {
                        states.markInSync(
                                chunkId, replica, position.lastSeq(), mark.expectedEpoch());
                        view.refresh();
                        return true;
                    }
                    return false;
                });
    }

    private void replicate(ChunkInfo chunk, ChunkLog chunkLog, List<ChunkRecord> fresh)
            throws Exception {
        PrimaryRound round = new PrimaryRound(alias, chunk, LogPosition.of(chunkLog));
        Deque<Effect> effects = new ArrayDeque<>(round.start());
        Map<String, CompletableFuture<LogPosition>> sent = new LinkedHashMap<>();
        while (true) {
            Effect effect = effects.poll();
            if (effect == null) {
                effects.addAll(round.on(nextAnswer(sent)));
            } else if (effect instanceof Effect.Send send) {
                sent.put(
                        send.replica(),
                        bringUp(send.replica(), chunk.id(), send.epoch(), chunkLog, fresh));
            } else if (effect instanceof Effect.MarkOutOfSync mark) {
                effects.addAll(round.on(markOutOfSync(chunk.id(), mark)));
            } else if (effect instanceof Effect.Refresh) {
                view.refresh();
                effects.addAll(round.on(new Event.Refreshed(view.chunk(chunk.id()).orElse(null))));
            } else if (effect instanceof Effect.Fail fail) {
                if (fail.notPrimary()) throw new NotPrimaryException(fail.reason());
                throw new IllegalStateException("chunk " + chunk.id() + ": " + fail.reason());
            } else {
                return; // Acknowledge
            }
        }
    }

    /** The answer of the replica sent to first among those not answered yet. */
    private static Event nextAnswer(Map<String, CompletableFuture<LogPosition>> sent) {
        Iterator<Map.Entry<String, CompletableFuture<LogPosition>>> oldest =
                sent.entrySet().iterator();
        if (!oldest.hasNext())
            throw new IllegalStateException("the replication round waits for no answer");
        Map.Entry<String, CompletableFuture<LogPosition>> entry = oldest.next();
        oldest.remove();
        try {
            return new Event.Answered(entry.getKey(), entry.getValue().join());
        } catch (RuntimeException e) {
            return new Event.Failed(
                    entry.getKey(), String.valueOf(AsyncFailure.cause(e).getMessage()));
        }
    }

    private Event markOutOfSync(String chunkId, Effect.MarkOutOfSync mark)
            throws InterruptedException {
        try {
            states.markOutOfSync(chunkId, mark.replica(), mark.expectedEpoch(), mark.reason());
            return new Event.Marked(mark.replica());
        } catch (IOException e) {
            return new Event.MarkRefused(mark.replica(), e.getMessage());
        }
    }

    /**
     * Sends the new records, then whatever the replica turns out to miss; the replica's position
     * afterwards.
     */
    private CompletableFuture<LogPosition> bringUp(
            String replica,
            String chunkId,
            long epoch,
            ChunkLog chunkLog,
            List<ChunkRecord> fresh) {
        return peers.append(replica, chunkId, epoch, fresh)
                .thenCompose(
                        position ->
                                position.lastSeq() >= chunkLog.lastSeq()
                                        ? CompletableFuture.completedFuture(position)
                                        : resend(
                                                replica,
                                                chunkId,
                                                epoch,
                                                chunkLog,
                                                position.lastSeq()))
                .orTimeout(REPLICA_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<LogPosition> resend(
            String replica, String chunkId, long epoch, ChunkLog chunkLog, long replicaLastSeq) {
        try {
            return peers.append(replica, chunkId, epoch, chunkLog.readAfter(replicaLastSeq));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private ChunkInfo knownChunk(String chunkId) throws NotPrimaryException {
        return view.chunk(chunkId)
                .orElseThrow(
                        () -> new NotPrimaryException(alias + " does not know chunk " + chunkId));
    }

    private NotPrimaryException notPrimary(ChunkInfo chunk) {
        return new NotPrimaryException(
                alias
                        + " is not the primary of chunk "
                        + chunk.id()
                        + " in epoch "
                        + chunk.epoch()
                        + " (the primary is "
                        + view.primaryOf(chunk).orElse(null)
                        + ")");
    }
}
