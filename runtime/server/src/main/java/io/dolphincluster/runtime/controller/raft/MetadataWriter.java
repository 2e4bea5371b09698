package io.dolphincluster.runtime.controller.raft;

import io.dolphincluster.runtime.AsyncFailure;
import io.dolphincluster.runtime.metadata.CommandResult;
import io.dolphincluster.runtime.metadata.MetadataCommand;
import io.dolphincluster.runtime.metadata.MetadataJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Commits metadata commands through Raft. The future completes with the {@link CommandResult} every
 * controller computed, or fails with {@link NotCommittedException} when no commit was seen within
 * the deadline (no quorum, or leadership lost). After such a failure the outcome is unknown: an
 * entry that reached the log may still commit later, so commands are written to be safe to repeat.
 */
public final class MetadataWriter {
    private final ControllerGroup group;
    private final Duration commitTimeout;

    public MetadataWriter(ControllerGroup group, Duration commitTimeout) {
        this.group = group;
        this.commitTimeout = commitTimeout;
    }

    public CompletableFuture<CommandResult> write(MetadataCommand command) {
        ControllerRaft raft =
                group.raft()
                        .orElseThrow(() -> new NotCommittedException("Raft has not started yet"));
        return raft.submit(MetadataJson.encode(command))
                .orTimeout(commitTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle(
                        (reply, failure) -> {
                            if (failure != null) {
                                Throwable cause = AsyncFailure.cause(failure);
                                String why =
                                        cause instanceof TimeoutException
                                                ? "not committed within "
                                                        + commitTimeout.toMillis()
                                                        + " ms (no quorum?)"
                                                : cause.toString();
                                throw new NotCommittedException(why);
                            }
                            if (!reply.isSuccess()) {
                                throw new NotCommittedException(
                                        String.valueOf(reply.getException()));
                            }
                            try {
                                return MetadataJson.decode(
                                        reply.getMessage().getContent().toByteArray(),
                                        CommandResult.class);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
    }

    /** A metadata write whose commit was not seen. */
    public static final class NotCommittedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotCommittedException(String message) {
            super(message);
        }
    }
}
