package io.dolphincluster.protocol.wire;

import java.util.Objects;

/**
 * A request that failed. {@code retryable} says whether the same request may succeed elsewhere or later (the
 * client fails over on it); {@code code} is one of {@link ErrorCode}'s constants or another short upper-case word.
 */
public record Error(String code, String message, boolean retryable) implements Message {
    public Error {
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

    static Error read(PayloadReader in) {
        return new Error(in.readRequiredString("code"), in.readRequiredString("message"), in.readBoolean());
    }
}
