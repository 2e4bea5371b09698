package io.dolphincluster.runtime.datanode;

/**
 * A replica refused records from a primary: the primary must not count it as having them. The primary either marks
 * the replica out of sync through the controller (compare-and-set on the epoch it acts in) or, when the controller
 * refuses that too, fails the write, which the client retries.
 */
public final class ReplicaRefusedException extends Exception {
    /** Why the records were refused. */
    public enum Reason {
        /** The replica knows a later epoch of the chunk's configuration than the sender acts in. */
        STALE_EPOCH,
        /** The sender is not the primary of that epoch, or this replica is not in sync in it. */
        NOT_MEMBER,
        /** The replica holds another write at one of the records' sequence numbers. */
        DIVERGED
    }

    private final Reason reason;

    public ReplicaRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
