package io.dolphincluster.runtime.controller.raft;

import io.dolphincluster.runtime.AsyncFailure;
import io.dolphincluster.runtime.metadata.CommandResult;
import io.dolphincluster.runtime.metadata.MetadataCommand;
import io.dolphincluster.runtime.metadata.MetadataJson;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Commits metadata commands through Raft. The future completes with the {@link CommandResult} every
 * controller computed, or fails with {@link NotCommittedException} when no commit was seen within
 * the deadline (no quorum, or leadership lost). Concurrent writes share log entries ({@link
 * WriteBatcher}). After such a failure the outcome is unknown: an entry that reached the log may
 * still commit later, so commands are written to be safe to repeat.
 */
public final class MetadataWriter {
    private final ControllerGroup group;
    private final Duration commitTimeout;
    private final WriteBatcher batcher;

    public MetadataWriter(ControllerGroup group, Duration commitTimeout) {
        this.group = group;
        this.commitTimeout = commitTimeout;
        this.batcher = new WriteBatcher(this::commit);
    }

    public CompletableFuture<CommandResult> write(MetadataCommand command) {
        if (group.raft().isEmpty()) throw new NotCommittedException("Raft has not started yet");
        return batcher.write(MetadataJson.encode(command))
                .orTimeout(commitTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle(
                        (result, failure) -> {
                            if (failure != null) throw notCommitted(failure);
                            return result;
                        });
    }

    /** Submits one log entry; completes with its reply once committed and applied. */
    private CompletableFuture<byte[]> commit(byte[] entry) {
        ControllerRaft raft =
                group.raft()
                        .orElseThrow(() -> new NotCommittedException("Raft has not started yet"));
        return raft.submit(entry)
                .orTimeout(commitTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle(
                        (reply, failure) -> {
                            if (failure != null) throw notCommitted(failure);
                            if (!reply.isSuccess()) {
                                throw new NotCommittedException(
                                        String.valueOf(reply.getException()));
                            }
                            return reply.getMessage().getContent().toByteArray();
                        });
    }

    private NotCommittedException notCommitted(Throwable failure) {
        Throwable cause = AsyncFailure.cause(failure);
        if (cause instanceof NotCommittedException notCommitted) return notCommitted;
        return new NotCommittedException(
                cause instanceof TimeoutException
                        ? "not committed within " + commitTimeout.toMillis() + " ms (no quorum?)"
                        : cause.toString());
    }

    /** A metadata write whose commit was not seen. */
    public static final class NotCommittedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotCommittedException(String message) {
            super(message);
        }
    }
}
