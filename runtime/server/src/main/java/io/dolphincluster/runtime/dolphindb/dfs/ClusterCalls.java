package io.dolphincluster.runtime.dolphindb.dfs;

import io.dolphincluster.runtime.dolphindb.script.ScriptException;
import java.time.Duration;

/**
 * Calls into the {@link ClusterBackend}: a request the cluster refuses ({@link
 * IllegalArgumentException}) becomes an error of the script; the backend's {@link
 * ClusterUnavailableException} and checked failures (I/O, timeouts, no leader) mean "try again":
 * the call is repeated here for up to {@link #RETRY_FOR} (every call is safe to repeat: appends
 * carry their write id, creating what exists identically succeeds), and only then reaches the
 * client, which fails over to another datanode and loses its session; other runtime failures are
 * passed on as they are.
 */
public final class ClusterCalls {
    static final Duration RETRY_FOR = Duration.ofSeconds(10);
    private static final long FIRST_PAUSE_MILLIS = 50;
    private static final long MAX_PAUSE_MILLIS = 1000;

    /** A call to the cluster. */
    @FunctionalInterface
    public interface Call<T> {
        T call() throws Exception;
    }

    private ClusterCalls() {}

    public static <T> T call(Call<T> call) {
        long deadline = System.nanoTime() + RETRY_FOR.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            try {
                return once(call);
            } catch (ClusterUnavailableException e) {
                if (System.nanoTime() + pause * 1_000_000 > deadline) throw e;
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
            }
        }
    }

    private static <T> T once(Call<T> call) {
        try {
            return call.call();
        } catch (IllegalArgumentException e) {
            throw new ScriptException(e.getMessage());
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnavailableException("interrupted", e);
        } catch (Exception e) {
            throw new ClusterUnavailableException(String.valueOf(e.getMessage()), e);
        }
    }
}
