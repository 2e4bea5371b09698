package io.dolphincluster.protocol.wire;

import java.util.Objects;

/** The alias of the controllers' current leader. */
public record ActiveMaster(String alias) implements Message {
    public ActiveMaster {
        Objects.requireNonNull(alias, "alias");
    }

    @Override
    public MessageType type() {
        return MessageType.ACTIVE_MASTER;
    }

    @Override
    public void writePayload(PayloadWriter out) {
        out.writeString(alias);
    }

    static ActiveMaster read(PayloadReader in) {
        return new ActiveMaster(in.readRequiredString("alias"));
    }
}
