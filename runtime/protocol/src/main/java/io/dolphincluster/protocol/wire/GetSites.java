package io.dolphincluster.protocol.wire;

/** Asks for the live datanodes, for failover; answered by {@link Sites}. */
public record GetSites() implements Message {
    @Override
    public MessageType type() {
        return MessageType.GET_SITES;
    }

    @Override
    public void writePayload(PayloadWriter out) {}
}
