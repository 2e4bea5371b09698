package io.dolphincluster.runtime.controller.raft;

import io.dolphincluster.runtime.metadata.CommandResult;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Group commit for metadata writes: while {@link #MAX_ENTRIES_IN_FLIGHT} entries are being
 * committed, the writes that arrive wait and then go together in the next entry (in arrival order,
 * each answered with its own result). A lone write is submitted at once, in an entry of its own.
 *
 * <p>Commands of one entry are applied one after the other, exactly as separate entries would be,
 * so a command sees the effects of those before it (a refused one changes nothing). Batching only
 * saves Raft's cost per entry (its request, log record, replication message and reply), which on a
 * small machine is most of a write's CPU (docs/benchmarks.md).
 */
final class WriteBatcher {
    /**
     * Two entries in flight keep the log worker and the replication of the next entry busy while
     * one is fsynced; more would make the entries smaller.
     */
    static final int MAX_ENTRIES_IN_FLIGHT = 2;

    static final int MAX_COMMANDS_PER_ENTRY = 256;
    static final int MAX_ENTRY_BYTES = 1 << 20;

    private record Pending(byte[] command, CompletableFuture<CommandResult> result) {}

    private final Function<byte[], CompletableFuture<byte[]>> commit;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private int inFlight;

    /**
     * @param commit submits one log entry; completes with its reply once committed and applied
     */
    WriteBatcher(Function<byte[], CompletableFuture<byte[]>> commit) {
        this.commit = commit;
    }

    /** Commits {@code command} (its JSON) in the next entry; completes with its result. */
    CompletableFuture<CommandResult> write(byte[] command) {
        Pending pending = new Pending(command, new CompletableFuture<>());
        List<Pending> batch;
        synchronized (this) {
            waiting.add(pending);
            if (inFlight >= MAX_ENTRIES_IN_FLIGHT) return pending.result();
            batch = takeBatch();
            inFlight++;
        }
        submit(batch);
        return pending.result();
    }

    private List<Pending> takeBatch() {
        List<Pending> batch = new ArrayList<>();
        long bytes = 0;
        while (!waiting.isEmpty() && batch.size() < MAX_COMMANDS_PER_ENTRY) {
            Pending next = waiting.peek();
            if (!batch.isEmpty() && bytes + next.command().length > MAX_ENTRY_BYTES) break;
            batch.add(waiting.poll());
            bytes += next.command().length;
        }
        return batch;
    }

    private void submit(List<Pending> batch) {
        CompletableFuture<byte[]> reply;
        try {
            reply =
                    commit.apply(
                            LogEntryCodec.entry(batch.stream().map(Pending::command).toList()));
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete(
                (bytes, failure) -> {
                    settle(batch, bytes, failure);
                    submitNext();
                });
    }

    private static void settle(List<Pending> batch, byte[] reply, Throwable failure) {
        if (failure == null) {
            try {
                List<CommandResult> results = LogEntryCodec.results(reply, batch.size());
                for (int i = 0; i < batch.size(); i++)
                    batch.get(i).result().complete(results.get(i));
                return;
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }
        for (Pending pending : batch) pending.result().completeExceptionally(failure);
    }

    private void submitNext() {
        List<Pending> batch;
        synchronized (this) {
            inFlight--;
            if (waiting.isEmpty()) return;
            batch = takeBatch();
            inFlight++;
        }
        submit(batch);
    }
}
