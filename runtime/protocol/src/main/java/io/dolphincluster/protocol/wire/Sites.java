package io.dolphincluster.protocol.wire;

import java.util.List;

/** The live datanodes as {@code host:port:alias}, the places a client may fail over to. */
public record Sites(List<String> datanodes) implements Message {
    public Sites {
        datanodes = List.copyOf(datanodes);
    }

    @Override
    public MessageType type() {
        return MessageType.SITES;
    }

    @Override
    public void writePayload(PayloadWriter out) {
        out.writeStrings(datanodes);
    }

    static Sites read(PayloadReader in) {
        return new Sites(in.readStrings());
    }
}
