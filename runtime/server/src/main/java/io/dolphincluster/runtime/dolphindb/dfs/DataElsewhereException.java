package io.dolphincluster.runtime.dolphindb.dfs;

/**
 * A data request sent to a node that holds no data (a controller): the message says where to go
 * instead. It is not retried on the node ({@link ClusterCalls}); the client is answered {@code
 * <DataNodeNotAvail>} and the message, so an HA client moves on to another of its nodes and
 * re-sends, and any other client reads why.
 */
public final class DataElsewhereException extends RuntimeException {
    public DataElsewhereException(String message) {
        super(message);
    }
}
