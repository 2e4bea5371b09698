package io.dolphincluster.protocol.wire;

import java.util.Objects;

/**
 * A message with the id that pairs a response with its request (a response repeats its request's
 * id).
 */
public record Envelope(long requestId, Message message) {
    public Envelope {
        Objects.requireNonNull(message, "message");
    }
}
