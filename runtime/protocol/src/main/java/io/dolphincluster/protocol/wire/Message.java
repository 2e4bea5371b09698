package io.dolphincluster.protocol.wire;

/**
 * A request or response of the data protocol. Each implementation is an immutable record with a
 * stable {@link MessageType} code and writes its own payload; {@link MessageCodec} turns it into a
 * {@link Frame} and back.
 */
public interface Message {
    MessageType type();

    void writePayload(PayloadWriter out);
}
