package io.dolphincluster.runtime.datanode;

import io.dolphincluster.protocol.wire.ErrorCode;
import io.dolphincluster.runtime.AsyncFailure;
import io.dolphincluster.runtime.net.RequestException;
import java.util.concurrent.TimeoutException;

/**
 * Which failures a client may retry. A request the client got wrong (unknown table, bad value, a
 * placement the reliability level forbids) is not retryable; everything that may pass on another
 * datanode or a moment later is, and the HA client fails over on it. Appends are safe to retry:
 * they carry their write id.
 */
final class RequestFailures {
    private RequestFailures() {}

    static RequestException toRequestException(Throwable failure) {
        Throwable cause = AsyncFailure.cause(failure);
        if (cause instanceof RequestException known) return known;
        if (cause instanceof IllegalArgumentException)
            return new RequestException(ErrorCode.BAD_REQUEST, cause.getMessage(), false);
        if (cause instanceof NotPrimaryException)
            return new RequestException("NOT_PRIMARY", cause.getMessage(), true);
        if (cause instanceof ReplicaRefusedException refused)
            return new RequestException(refused.refusal().name(), cause.getMessage(), true);
        if (cause instanceof TimeoutException)
            return new RequestException(ErrorCode.UNAVAILABLE, "timed out", true);
        return new RequestException(
                ErrorCode.UNAVAILABLE, String.valueOf(cause.getMessage()), true);
    }
}
