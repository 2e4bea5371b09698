package io.dolphincluster.protocol.wire;

/** The answer to a successful {@link Login}. */
public record LoginOk() implements Message {
    @Override
    public MessageType type() {
        return MessageType.LOGIN_OK;
    }

    @Override
    public void writePayload(PayloadWriter out) {}
}
