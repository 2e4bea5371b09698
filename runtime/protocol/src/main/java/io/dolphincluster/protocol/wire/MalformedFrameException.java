package io.dolphincluster.protocol.wire;

/**
 * A frame or payload that cannot be decoded: bad length, unknown version or type, truncated or
 * trailing bytes.
 */
public final class MalformedFrameException extends WireFormatException {
    public MalformedFrameException(String message) {
        super(message);
    }

    public MalformedFrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
