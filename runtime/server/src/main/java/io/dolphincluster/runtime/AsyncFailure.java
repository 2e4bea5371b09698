package io.dolphincluster.runtime;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The failure a {@code CompletableFuture} stage reports, without its {@link CompletionException} or
 * {@link ExecutionException} wrappers; and a failure of a given type anywhere in a chain of causes
 * (as Netty wraps decoder failures).
 */
public final class AsyncFailure {
    private AsyncFailure() {}

    public static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The first failure of type {@code type} in {@code failure}'s chain of causes, or null. */
    public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) return type.cast(t);
        }
        return null;
    }
}
