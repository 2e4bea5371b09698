package io.dolphincluster.runtime.bench;

import java.util.concurrent.CompletableFuture;

/**
 * A key-value store that a benchmark writes to.
 *
 * <p>Contract: the future returned by {@link #put} completes normally only once the store has
 * durably committed the write (for a replicated store: agreed by a quorum), and completes
 * exceptionally, with a message saying why, in every other case. Implementations are safe to call
 * from many threads at once.
 */
public interface KvTarget extends AutoCloseable {

    /** Writes {@code value} under {@code key}; see the class contract for what completion means. */
    CompletableFuture<Void> put(String key, byte[] value);

    /** A short label for result tables, such as {@code "etcd-3.4"}. */
    String name();

    /** Releases the target's client resources; does not stop the store. */
    @Override
    void close();
}
