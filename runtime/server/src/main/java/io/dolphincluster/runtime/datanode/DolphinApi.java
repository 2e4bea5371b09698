package io.dolphincluster.runtime.datanode;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The threads DolphinDB API requests run on: their own pool, so long scripts never hold up replication work. */
final class DolphinApi {
    static final int THREADS = 16;
    static final int QUEUED = 1024;

    private DolphinApi() {}

    static ExecutorService requestExecutor(String alias) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED),
                new DefaultThreadFactory(alias + "-dolphindb", true));
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
