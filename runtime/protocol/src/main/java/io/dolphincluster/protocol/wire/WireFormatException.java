package io.dolphincluster.protocol.wire;

import io.netty.handler.codec.DecoderException;

/**
 * Bytes that are not a valid frame or message of this protocol. The connection they came from
 * cannot be trusted any further: whoever catches this answers an {@link ErrorReply} if it can and
 * closes that connection.
 */
public class WireFormatException extends DecoderException {
    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
