package io.dolphincluster.runtime;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The failure a {@code CompletableFuture} stage reports, without its {@link CompletionException} or {@link ExecutionException} wrappers. */
public final class AsyncFailure {
    private AsyncFailure() {}

    public static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
