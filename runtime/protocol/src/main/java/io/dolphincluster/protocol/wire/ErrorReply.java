package io.dolphincluster.protocol.wire;

import java.util.Objects;

/**
 * The answer to a request that failed (message type {@link MessageType#ERROR}). {@code retryable}
 * says whether the same request may succeed elsewhere or later (the client fails over on it);
 * {@code code} is one of {@link ErrorCode}'s constants or another short upper-case word.
 */
public record ErrorReply(String code, String message, boolean retryable) implements Message {
    public ErrorReply {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public MessageType type() {
        return MessageType.ERROR;
    }

    @Override
    public void writePayload(PayloadWriter out) {
        out.writeString(code).writeString(message).writeBoolean(retryable);
    }

    static ErrorReply read(PayloadReader in) {
        return new ErrorReply(
                in.readRequiredString("code"), in.readRequiredString("message"), in.readBoolean());
    }
}
