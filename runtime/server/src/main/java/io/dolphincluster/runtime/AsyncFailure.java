package io.dolphincluster.runtime;

import java.util.concurrent.CompletionException;

/** The failure a {@code CompletableFuture} stage reports, without the {@link CompletionException} wrapper. */
public final class AsyncFailure {
    private AsyncFailure() {}

    public static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
