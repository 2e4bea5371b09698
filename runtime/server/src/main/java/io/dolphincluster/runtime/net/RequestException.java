package io.dolphincluster.runtime.net;

import io.dolphincluster.protocol.wire.ErrorReply;
import java.util.Objects;

/** A request failure that a {@link RequestHandler} wants sent as a specific {@link ErrorReply}. */
public class RequestException extends RuntimeException {
    private final String code;
    private final boolean retryable;

    public RequestException(String code, String message, boolean retryable) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }

    public ErrorReply toError() {
        return new ErrorReply(code, String.valueOf(getMessage()), retryable);
    }
}
