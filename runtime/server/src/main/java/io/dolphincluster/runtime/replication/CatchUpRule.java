package io.dolphincluster.runtime.replication;

import io.dolphincluster.runtime.metadata.ChunkInfo;

/**
 * How an out-of-sync replica catches up: both halves are pure decisions.
 *
 * <p>The replica fetches the primary's records after its own last one, with the primary's digest at
 * that point. If the replica's log is a prefix of the primary's (same digest there) it appends what
 * it fetched; if not — it holds writes the primary does not, which were never acknowledged — or it
 * is corrupt, it is rebuilt whole from the primary.
 *
 * <p>The primary, under the chunk's lock, marks the replica in sync (compare-and-set on its epoch)
 * only when the replica's log position equals its own: then the replica has every acknowledged
 * write, and since the primary holds the lock, no write is in flight that it could miss.
 */
public final class CatchUpRule {
    private CatchUpRule() {}

    /** The replica's next step after a fetch. */
    public enum Step {
        APPEND_FETCHED,
        REBUILD
    }

    /**
     * @param local the replica's position
     * @param primaryLastSeq the primary's last sequence number
     * @param primaryDigestAtLocalLast the primary's digest at {@code local.lastSeq()} (meaningless
     *     when it has fewer records)
     */
    public static Step replicaStep(
            LogPosition local,
            long primaryLastSeq,
            long primaryDigestAtLocalLast,
            boolean corrupt) {
        if (corrupt
                || local.lastSeq() > primaryLastSeq
                || local.digest() != primaryDigestAtLocalLast) return Step.REBUILD;
        return Step.APPEND_FETCHED;
    }

    /** The primary's answer to a replica that says it has caught up. */
    public sealed interface Verdict {
        /** Mark the replica in sync if the chunk is still at {@code expectedEpoch}. */
        record MarkInSync(long expectedEpoch) implements Verdict {}

        /** The primary has records the replica lacks (or others): fetch again. */
        record Behind() implements Verdict {}

        record Refuse(String reason) implements Verdict {}
    }

    public static Verdict primaryVerdict(
            String self,
            ChunkInfo chunk,
            String replica,
            LogPosition replicaPosition,
            LogPosition own) {
        if (chunk == null || !chunk.isPrimary(self)) {
            return new Verdict.Refuse(self + " is not the primary of the chunk");
        }
        if (chunk.replicaOn(replica).isEmpty())
            return new Verdict.Refuse(replica + " holds no replica of chunk " + chunk.id());
        if (!replicaPosition.equals(own)) return new Verdict.Behind();
        return new Verdict.MarkInSync(chunk.epoch());
    }
}
