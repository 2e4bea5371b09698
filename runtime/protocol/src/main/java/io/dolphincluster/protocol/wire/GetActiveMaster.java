package io.dolphincluster.protocol.wire;

/** Asks for the alias of the controllers' leader; answered by {@link ActiveMaster}. */
public record GetActiveMaster() implements Message {
    @Override
    public MessageType type() {
        return MessageType.GET_ACTIVE_MASTER;
    }

    @Override
    public void writePayload(PayloadWriter out) {}
}
