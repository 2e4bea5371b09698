package io.dolphincluster.protocol.wire;

/** A request done, with nothing to report. */
public record Ok() implements Message {
    @Override
    public MessageType type() {
        return MessageType.OK;
    }

    @Override
    public void writePayload(PayloadWriter out) {}
}
