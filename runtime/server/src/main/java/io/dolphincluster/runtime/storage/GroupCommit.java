package io.dolphincluster.runtime.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises the writers of one log and batches appends so they share an fsync.
 *
 * <p>Appends are queued; whoever holds the writer lock hands everything queued so far, in queue
 * order, to the {@link BatchWriter} as one batch. Every release of the lock is followed by a look
 * at the queue, so an append queued while someone else held the lock is always written: by that
 * holder's look, or by the thread that queued it. Outcomes of a batch (future completions) run
 * after the lock is released, so a callback that appends again starts a new batch instead of
 * nesting.
 *
 * <p>A pending interrupt of the writing thread is cleared while it writes (and restored after), as
 * an interrupted thread would close the log's FileChannel on its first write.
 */
final class GroupCommit {

    /** An append waiting for its batch. */
    record Pending(ChunkRecord record, CompletableFuture<Void> done) {}

    /**
     * Writes one batch; adds the completion (or failure) of each of its appends to {@code
     * outcomes}.
     */
    interface BatchWriter {
        void write(List<Pending> batch, List<Runnable> outcomes);
    }

    /** Work that must not overlap a batch, such as replacing or closing the file. */
    interface ExclusiveAction {
        void run() throws IOException;
    }

    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writer = new ReentrantLock();
    private final AtomicBoolean writeScheduled = new AtomicBoolean();
    private final BatchWriter batchWriter;
    private final Executor executor;
    private final ExecutorService ownedExecutor;

    /**
     * Batches written later go to {@code executor}, or to a daemon thread of its own named {@code
     * threadName} when null.
     */
    GroupCommit(BatchWriter batchWriter, Executor executor, String threadName) {
        this.batchWriter = batchWriter;
        if (executor == null) {
            this.ownedExecutor =
                    Executors.newSingleThreadExecutor(
                            runnable -> {
                                Thread thread = new Thread(runnable, threadName);
                                thread.setDaemon(true);
                                return thread;
                            });
            this.executor = ownedExecutor;
        } else {
            this.ownedExecutor = null;
            this.executor = executor;
        }
    }

    CompletableFuture<Void> enqueue(ChunkRecord record) {
        Pending append = new Pending(record, new CompletableFuture<>());
        pending.add(append);
        return append.done();
    }

    /** Writes what is queued in the calling thread, unless a batch is being written already. */
    void writeNow() {
        boolean interrupted = Thread.interrupted();
        try {
            while (!pending.isEmpty() && writer.tryLock()) {
                List<Runnable> outcomes = new ArrayList<>();
                try {
                    List<Pending> batch = new ArrayList<>();
                    for (Pending p = pending.poll(); p != null; p = pending.poll()) {
                        batch.add(p);
                    }
                    batchWriter.write(batch, outcomes);
                } finally {
                    writer.unlock();
                }
                outcomes.forEach(Runnable::run);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Has what is queued written on the executor; appends queued meanwhile join the same batch. */
    void writeLater() {
        if (!writeScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(
                    () -> {
                        writeScheduled.set(false);
                        writeNow();
                    });
        } catch (RejectedExecutionException e) {
            writeScheduled.set(false);
            writeNow();
        }
    }

    /** Runs {@code action} with no batch being written, then writes what was queued meanwhile. */
    void exclusively(ExclusiveAction action) throws IOException {
        writer.lock();
        try {
            action.run();
        } finally {
            writer.unlock();
        }
        writeNow();
    }

    /** Stops the thread of its own, if any, once queued work is done. */
    void shutdown() {
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
    }
}
