package io.dolphincluster.runtime.dolphindb.dfs;

/**
 * The cluster could not serve a request now (no leader, a chunk without a live replica...): the
 * client may retry elsewhere.
 */
public final class ClusterUnavailableException extends RuntimeException {
    public ClusterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
