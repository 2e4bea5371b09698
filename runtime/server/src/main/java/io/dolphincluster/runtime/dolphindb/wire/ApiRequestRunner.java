package io.dolphincluster.runtime.dolphindb.wire;

import io.dolphincluster.runtime.dolphindb.data.Entity;

/**
 * Runs one request of a session; called off the I/O threads, one request of a session at a time.
 */
public interface ApiRequestRunner {
    /**
     * The request's result ({@link io.dolphincluster.runtime.dolphindb.data.Nothing} for none). A
     * failure is thrown; its message, on one line, is what the client sees.
     */
    Entity run(ApiSession session, ApiRequest request) throws Exception;

    /** The one-line message a failure of {@link #run} is answered with. */
    String errorMessage(Throwable failure);
}
