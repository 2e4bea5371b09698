package io.dolphincluster.runtime.replication;

import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.metadata.ReplicaInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One write on a chunk's primary, from the moment the record is on the primary's disk to the
 * answer: a deterministic state machine with no I/O. The driver feeds it {@link Event}s and carries
 * out the {@link Effect}s it returns, in order. The rule it keeps: {@link Effect.Acknowledge} comes
 * only once every replica in sync in the chunk's current epoch has confirmed the primary's exact
 * log position, or has been marked out of sync by a compare-and-set the controller committed.
 *
 * <ol>
 *   <li>{@link #start()}: unless this node is the primary of the epoch it knows, {@link
 *       Effect.Fail} (not primary); otherwise one {@link Effect.Send} to every other in-sync
 *       replica, up or not.
 *   <li>A replica that answers the target position is confirmed. One that answers another position
 *       (behind, ahead, another digest) or fails (refused, timed out, unreachable) is marked out of
 *       sync, one {@link Effect.MarkOutOfSync} at a time, each expecting the epoch the previous one
 *       led to.
 *   <li>When the controller refuses a mark (the chunk changed meanwhile, or the controller cannot
 *       be reached), {@link Effect.Refresh}; with the chunk as it is now, replicas no longer in
 *       sync need nothing, replicas newly in sync are sent the record, and those still in sync that
 *       did not confirm are marked again. If this node is no longer the primary, {@link
 *       Effect.Fail}. After {@value #MAX_REFRESHES} refreshes it gives up ({@link Effect.Fail}).
 *   <li>When every replica in sync is confirmed: if a mark committed, {@link Effect.Refresh} first
 *       (so the next write does not wait for the replicas dropped), then {@link
 *       Effect.Acknowledge}.
 * </ol>
 */
public final class PrimaryRound {
    static final int MAX_REFRESHES = 3;

    /** What the driver must do. */
    public sealed interface Effect {
        /**
         * Bring {@code replica} to the primary's position, acting in {@code epoch}; answer with
         * Answered or Failed.
         */
        record Send(String replica, long epoch) implements Effect {}

        /**
         * Ask the controller to mark {@code replica} out of sync if the chunk is at {@code
         * expectedEpoch}.
         */
        record MarkOutOfSync(String replica, long expectedEpoch, String reason) implements Effect {}

        /**
         * Read the chunk's configuration again from the controller leader; answer with Refreshed.
         */
        record Refresh() implements Effect {}

        /** The write is on every in-sync replica: answer the client. */
        record Acknowledge() implements Effect {}

        /**
         * The write must not be acknowledged; {@code notPrimary}: the sender should find the
         * chunk's primary again.
         */
        record Fail(String reason, boolean notPrimary) implements Effect {}
    }

    /** What happened. */
    public sealed interface Event {
        record Answered(String replica, LogPosition position) implements Event {}

        record Failed(String replica, String reason) implements Event {}

        /** The controller committed the mark. */
        record Marked(String replica) implements Event {}

        record MarkRefused(String replica, String reason) implements Event {}

        /** The chunk as the controller leader has it now; null when it no longer exists. */
        record Refreshed(ChunkInfo chunk) implements Event {}
    }

    private record Unconfirmed(String replica, String reason) {}

    private final String self;
    private final LogPosition target;
    private ChunkInfo chunk;
    private final Set<String> confirmed = new HashSet<>();
    private final Set<String> awaiting = new LinkedHashSet<>();
    private final Deque<Unconfirmed> toMark = new ArrayDeque<>();
    private String marking;
    private boolean refreshing;
    private boolean changed;
    private int refreshes;
    private boolean done;

    public PrimaryRound(String self, ChunkInfo chunk, LogPosition target) {
        this.self = self;
        this.chunk = chunk;
        this.target = target;
        confirmed.add(self);
    }

    public List<Effect> start() {
        List<Effect> effects = new ArrayList<>();
        if (!isPrimary(chunk)) return fail(effects, notPrimaryReason(chunk), true);
        sendToUnsent(effects);
        return settle(effects);
    }

    public List<Effect> on(Event event) {
        if (done) throw new IllegalStateException("the round is over; got " + event);
        List<Effect> effects = new ArrayList<>();
        if (event instanceof Event.Answered answered) {
            awaiting.remove(answered.replica());
            if (answered.position().equals(target)) {
                confirmed.add(answered.replica());
            } else {
                toMark.add(
                        new Unconfirmed(
                                answered.replica(),
                                "its log is at "
                                        + answered.position()
                                        + ", the primary's at "
                                        + target));
            }
        } else if (event instanceof Event.Failed failed) {
            awaiting.remove(failed.replica());
            toMark.add(new Unconfirmed(failed.replica(), failed.reason()));
        } else if (event instanceof Event.Marked marked) {
            requireMarking(marked.replica());
            marking = null;
            chunk = withOutOfSync(chunk, marked.replica());
            changed = true;
        } else if (event instanceof Event.MarkRefused refused) {
            requireMarking(refused.replica());
            marking = null;
            toMark.addFirst(
                    new Unconfirmed(
                            refused.replica(),
                            "did not confirm; the controller refused to mark it: "
                                    + refused.reason()));
            return refresh(effects);
        } else if (event instanceof Event.Refreshed refreshed) {
            return onRefreshed(refreshed.chunk(), effects);
        }
        return settle(effects);
    }

    /** The configuration this round acts in now. */
    public ChunkInfo chunk() {
        return chunk;
    }

    private List<Effect> onRefreshed(ChunkInfo now, List<Effect> effects) {
        if (!refreshing) throw new IllegalStateException("no refresh was asked for");
        refreshing = false;
        if (now == null) return fail(effects, "chunk " + chunk.id() + " no longer exists", true);
        if (now.epoch() < chunk.epoch()) {
            return refreshes >= MAX_REFRESHES
                    ? fail(
                            effects,
                            "the controller's answer stays behind epoch " + chunk.epoch(),
                            false)
                    : refresh(effects);
        }
        if (!isPrimary(now)) return fail(effects, notPrimaryReason(now), true);
        changed = false; // the view now holds every change this round made
        chunk = now;
        toMark.removeIf(u -> !chunk.isInSync(u.replica()));
        sendToUnsent(effects);
        return settle(effects);
    }

    /** Starts the next mark, or finishes; nothing while a refresh or a mark is under way. */
    private List<Effect> settle(List<Effect> effects) {
        if (refreshing || marking != null) return effects;
        while (!toMark.isEmpty()) {
            Unconfirmed next = toMark.poll();
            if (!chunk.isInSync(next.replica())) continue;
            marking = next.replica();
            effects.add(new Effect.MarkOutOfSync(next.replica(), chunk.epoch(), next.reason()));
            return effects;
        }
        if (!awaiting.isEmpty()) return effects;
        if (!confirmed.containsAll(chunk.inSyncNodes())) {
            return fail(
                    effects,
                    "in-sync replicas " + pendingReplicas() + " were never sent the record",
                    false);
        }
        if (changed) return refresh(effects);
        done = true;
        effects.add(new Effect.Acknowledge());
        return effects;
    }

    private void sendToUnsent(List<Effect> effects) {
        Set<String> queued = new HashSet<>();
        toMark.forEach(u -> queued.add(u.replica()));
        for (String replica : chunk.inSyncNodes()) {
            if (confirmed.contains(replica)
                    || awaiting.contains(replica)
                    || queued.contains(replica)) continue;
            awaiting.add(replica);
            effects.add(new Effect.Send(replica, chunk.epoch()));
        }
    }

    private List<Effect> refresh(List<Effect> effects) {
        if (refreshes >= MAX_REFRESHES) {
            return fail(
                    effects,
                    "replicas "
                            + pendingReplicas()
                            + " neither confirmed record "
                            + target.lastSeq()
                            + " nor could be marked out of sync",
                    false);
        }
        refreshes++;
        refreshing = true;
        effects.add(new Effect.Refresh());
        return effects;
    }

    private List<Effect> fail(List<Effect> effects, String reason, boolean notPrimary) {
        done = true;
        effects.add(new Effect.Fail(reason, notPrimary));
        return effects;
    }

    private List<String> pendingReplicas() {
        return chunk.inSyncNodes().stream().filter(r -> !confirmed.contains(r)).toList();
    }

    private void requireMarking(String replica) {
        if (!replica.equals(marking))
            throw new IllegalStateException(
                    "no mark of " + replica + " is under way (marking " + marking + ")");
    }

    private boolean isPrimary(ChunkInfo c) {
        return c.isPrimary(self);
    }

    private String notPrimaryReason(ChunkInfo c) {
        return self
                + " is not the primary of chunk "
                + c.id()
                + " in epoch "
                + c.epoch()
                + " (the primary is "
                + c.primary().orElse(null)
                + ")";
    }

    /** The configuration the controller commits for a mark: the same change, the next epoch. */
    private static ChunkInfo withOutOfSync(ChunkInfo c, String replica) {
        List<ReplicaInfo> replicas =
                c.replicas().stream()
                        .map(
                                r ->
                                        r.node().equals(replica)
                                                ? new ReplicaInfo(r.node(), 0, false)
                                                : r)
                        .toList();
        return new ChunkInfo(
                c.id(), c.database(), c.table(), c.partitionKey(), replicas, c.epoch() + 1);
    }
}
