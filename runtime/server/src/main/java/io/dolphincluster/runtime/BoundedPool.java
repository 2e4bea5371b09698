package io.dolphincluster.runtime;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A pool of request threads with a bounded queue: {@code threads} daemon threads (idle ones end
 * after a minute), at most {@code queued} tasks waiting; a task beyond that is refused ({@code
 * RejectedExecutionException}), never queued without bound.
 */
public final class BoundedPool {
    private BoundedPool() {}

    public static ExecutorService create(String threadName, int threads, int queued) {
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(
                        threads,
                        threads,
                        60,
                        TimeUnit.SECONDS,
                        new ArrayBlockingQueue<>(queued),
                        new DefaultThreadFactory(threadName, true));
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
