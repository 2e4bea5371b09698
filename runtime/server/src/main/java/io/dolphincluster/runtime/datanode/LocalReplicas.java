package io.dolphincluster.runtime.datanode;

import io.dolphincluster.runtime.storage.ChunkLog;
import io.dolphincluster.runtime.storage.ChunkStore;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The chunk replicas this datanode holds on disk, with one lock per chunk: every change to a
 * replica's log (a write as primary, an append as replica, a rebuild) happens under its chunk's
 * lock, so the order of records is the order the primary decided.
 */
public final class LocalReplicas implements AutoCloseable {
    /** Work done under a chunk's lock. */
    @FunctionalInterface
    public interface LockedWork<T> {
        T run(ChunkLog log) throws Exception;
    }

    private final ChunkStore store;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public LocalReplicas(ChunkStore store) {
        this.store = store;
    }

    public <T> T withChunk(String chunkId, LockedWork<T> work) throws Exception {
        ReentrantLock lock = locks.computeIfAbsent(chunkId, id -> new ReentrantLock());
        lock.lock();
        try {
            return work.run(store.open(chunkId));
        } finally {
            lock.unlock();
        }
    }

    /** The chunk's log for reading; {@link ChunkLog} reads are safe beside a concurrent append. */
    public ChunkLog read(String chunkId) throws IOException {
        return store.open(chunkId);
    }

    public boolean holds(String chunkId) throws IOException {
        return store.chunkIds().contains(chunkId);
    }

    public Set<String> chunkIds() throws IOException {
        return store.chunkIds();
    }

    public void delete(String chunkId) throws IOException {
        ReentrantLock lock = locks.computeIfAbsent(chunkId, id -> new ReentrantLock());
        lock.lock();
        try {
            store.delete(chunkId);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
