package io.dolphincluster.runtime.dolphindb.dfs;

import io.dolphincluster.runtime.dolphindb.script.ScriptException;

/**
 * Calls into the {@link ClusterBackend}: a request the cluster refuses ({@link IllegalArgumentException}) becomes an
 * error of the script; the backend's {@link ClusterUnavailableException} and checked failures (I/O, timeouts, no
 * leader) mean "try again, possibly elsewhere"; other runtime failures are passed on as they are.
 */
public final class ClusterCalls {
    /** A call to the cluster. */
    @FunctionalInterface
    public interface Call<T> {
        T call() throws Exception;
    }

    private ClusterCalls() {}

    public static <T> T call(Call<T> call) {
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
