package io.dolphincluster.runtime.datanode;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The datanode's thread pools, one per kind of work, so that work of one kind only ever waits for
 * work of a later kind, on this node or another: clients' requests (a coordinator waits for chunk
 * writes and reads) → chunk writes as primary, and catch-ups (a primary waits for its replicas) →
 * replica work (appends, fetches, chunk queries), which waits for no other datanode. With one
 * shared pool, coordinators waiting for chunk writes queued behind them could take every thread, on
 * every node at once, and nothing would move until the timeouts.
 */
record DatanodePools(ExecutorService clients, ExecutorService primaries, ExecutorService replicas)
        implements AutoCloseable {
    private static final int THREADS_PER_POOL = 32;

    static DatanodePools create(String alias) {
        return new DatanodePools(
                pool(alias + "-clients"), pool(alias + "-primary"), pool(alias + "-replica"));
    }

    private static ExecutorService pool(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(
                THREADS_PER_POOL,
                r -> {
                    Thread thread = new Thread(r, prefix + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public void close() {
        clients.shutdownNow();
        primaries.shutdownNow();
        replicas.shutdownNow();
    }
}
