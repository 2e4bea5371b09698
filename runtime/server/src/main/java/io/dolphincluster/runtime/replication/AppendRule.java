package io.dolphincluster.runtime.replication;

import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.storage.ChunkRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a replica takes the records a primary sends it, and which: a pure decision on the
 * replica's view of the chunk and its log. The replica takes records only when
 *
 * <ul>
 *   <li>the sender acts in exactly the epoch the replica knows (an older epoch may be a primary
 *       that was replaced while it was paused; a newer one the replica has not seen yet, so it
 *       cannot check it);
 *   <li>in that epoch the sender is the primary and the replica's own copy is in sync;
 *   <li>each record at a sequence number the log already has is the same write: it is skipped,
 *       never counted as a different one;
 * </ul>
 *
 * and appends only the records that continue its log without a gap.
 */
public final class AppendRule {
    private AppendRule() {}

    /** Why records were refused. */
    public enum Refusal {
        /** The replica knows a later epoch than the sender acts in. */
        STALE_EPOCH,
        /**
         * The sender is not the primary of that epoch, this replica is not in sync in it, or it
         * does not know the epoch.
         */
        NOT_MEMBER,
        /** The replica holds another write at one of the records' sequence numbers. */
        DIVERGED
    }

    /** What the rule needs to know of the local log. */
    public interface LocalLog {
        long lastSeq();

        /** The seq of the record with this write id, 0 when there is none. */
        long seqOf(String writeId);
    }

    public sealed interface Decision {
        record Take(List<ChunkRecord> toAppend) implements Decision {}

        record Refuse(Refusal refusal, String message) implements Decision {}
    }

    /**
     * @param chunk the chunk as the replica's view has it, null when unknown
     */
    public static Decision decide(
            String self,
            ChunkInfo chunk,
            String from,
            long epoch,
            LocalLog log,
            List<ChunkRecord> records) {
        if (chunk == null)
            return new Decision.Refuse(Refusal.NOT_MEMBER, self + " does not know the chunk");
        if (epoch < chunk.epoch()) {
            return new Decision.Refuse(
                    Refusal.STALE_EPOCH,
                    "chunk "
                            + chunk.id()
                            + " is at epoch "
                            + chunk.epoch()
                            + " on "
                            + self
                            + ", "
                            + from
                            + " acts in epoch "
                            + epoch);
        }
        if (epoch > chunk.epoch()) {
            return new Decision.Refuse(
                    Refusal.NOT_MEMBER,
                    self
                            + " does not know epoch "
                            + epoch
                            + " of chunk "
                            + chunk.id()
                            + " yet (it knows "
                            + chunk.epoch()
                            + ")");
        }
        if (!chunk.isPrimary(from) || !chunk.isInSync(self)) {
            return new Decision.Refuse(
                    Refusal.NOT_MEMBER,
                    "in epoch "
                            + epoch
                            + " of chunk "
                            + chunk.id()
                            + " "
                            + from
                            + " is not the primary or "
                            + self
                            + " is not in sync");
        }
        long last = log.lastSeq();
        List<ChunkRecord> take = new ArrayList<>();
        for (ChunkRecord record : records) {
            if (record.seq() <= last) {
                if (log.seqOf(record.writeId()) != record.seq()) {
                    return new Decision.Refuse(
                            Refusal.DIVERGED,
                            self
                                    + " holds another write than "
                                    + record.writeId()
                                    + " at record "
                                    + record.seq()
                                    + " of chunk "
                                    + chunk.id());
                }
                continue;
            }
            if (record.seq() != last + take.size() + 1) break;
            take.add(record);
        }
        return new Decision.Take(take);
    }
}
