package io.dolphincluster.runtime.auth;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where password checks run: two daemon threads and a queue of {@value #QUEUE} checks. Beyond that
 * a check is refused ({@link java.util.concurrent.RejectedExecutionException}; callers answer
 * "busy"), so a flood of logins cannot queue unbounded work or memory.
 */
public final class HashingExecutor {
    public static final int THREADS = 2;
    public static final int QUEUE = 256;

    private HashingExecutor() {}

    public static ExecutorService bounded(String threadName) {
        return new ThreadPoolExecutor(
                THREADS,
                THREADS,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE),
                new DefaultThreadFactory(threadName, true));
    }
}
