package io.dolphincluster.runtime.bench;

import java.util.concurrent.CompletableFuture;

/**
 * A 3-member replicated store whose leader a failover benchmark kills: the controllers' Raft group
 * or etcd, driven the same way so both are timed by one loop.
 */
interface FailoverSubject extends AutoCloseable {

    /** A label for the report, such as {@code "controllers"}. */
    String name();

    /** Waits for a leader and kills it with SIGKILL; returns the victim's name. */
    String killLeader() throws Exception;

    /**
     * One attempt to commit {@code value} through survivor {@code attempt % 2} (of the two members
     * left), sent at once; completes (never exceptionally, within a bounded time) with true only if
     * the write was committed by a quorum.
     */
    CompletableFuture<Boolean> write(int attempt, String value);

    /** Restarts the killed member and returns once it holds {@code value}, the last write. */
    void reviveVictim(String value) throws Exception;

    @Override
    void close();
}
