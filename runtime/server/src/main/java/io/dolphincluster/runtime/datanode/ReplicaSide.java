package io.dolphincluster.runtime.datanode;

import io.dolphincluster.runtime.datanode.ReplicaRefusedException.Reason;
import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.storage.ChunkRecord;
import java.util.List;

/**
 * A replica's half of the write path. It takes records only when all of these hold, checked under the chunk's lock:
 * <ul>
 *   <li>the sender acts in the chunk's epoch this node knows (a view behind the sender's is refreshed first; a sender
 *       behind this node's is refused: it may be a primary that was replaced while it was paused);</li>
 *   <li>in that epoch the sender is the primary and this node's replica is in sync;</li>
 *   <li>every record at a sequence number this log already has is the same write (the same write id): a replica
 *       never counts someone else's record as the one it was sent.</li>
 * </ul>
 * Records are appended strictly in sequence (a gap stops the append) and fsynced before the answer, this replica's
 * {@link LogPosition}, which tells the primary what to resend and whether the logs agree.
 */
public final class ReplicaSide {
    private final String alias;
    private final LocalReplicas replicas;
    private final MetadataView view;

    public ReplicaSide(String alias, LocalReplicas replicas, MetadataView view) {
        this.alias = alias;
        this.replicas = replicas;
        this.view = view;
    }

    public LogPosition append(String from, String chunkId, long epoch, List<ChunkRecord> records) throws Exception {
        ChunkInfo known = view.chunk(chunkId).orElse(null);
        if (known == null || known.epoch() < epoch) view.refresh();
        return replicas.withChunk(chunkId, chunkLog -> {
            requireMember(from, chunkId, epoch);
            for (ChunkRecord record : records) {
                long last = chunkLog.lastSeq();
                if (record.seq() <= last) {
                    if (chunkLog.seqOf(record.writeId()) != record.seq()) {
                        throw new ReplicaRefusedException(Reason.DIVERGED, alias + " holds another write than " + record.writeId()
                                + " at record " + record.seq() + " of chunk " + chunkId);
                    }
                    continue;
                }
                if (record.seq() != last + 1) break;
                chunkLog.append(record);
            }
            return LogPosition.of(chunkLog);
        });
    }

    private void requireMember(String from, String chunkId, long epoch) throws ReplicaRefusedException {
        ChunkInfo chunk = view.chunk(chunkId).orElse(null);
        if (chunk == null) throw new ReplicaRefusedException(Reason.NOT_MEMBER, alias + " does not know chunk " + chunkId);
        if (epoch < chunk.epoch()) {
            throw new ReplicaRefusedException(Reason.STALE_EPOCH, "chunk " + chunkId + " is at epoch " + chunk.epoch() + " on "
                    + alias + ", " + from + " acts in epoch " + epoch);
        }
        if (epoch > chunk.epoch()) {
            throw new ReplicaRefusedException(Reason.NOT_MEMBER, alias + " does not know epoch " + epoch + " of chunk " + chunkId
                    + " yet (it knows " + chunk.epoch() + ")");
        }
        if (!view.isPrimary(chunk, from) || !view.isInSync(chunk, alias)) {
            throw new ReplicaRefusedException(Reason.NOT_MEMBER, "in epoch " + epoch + " of chunk " + chunkId + " " + from
                    + " is not the primary or " + alias + " is not in sync");
        }
    }
}
