package io.dolphincluster.protocol.wire;

import java.util.Objects;

/**
 * Creates database {@code name} (e.g. {@code dfs://trades}) with a partition scheme the server
 * parses. Answered by {@link Ok}.
 */
public record CreateDatabase(String name, String partitionScheme) implements Message {
    public CreateDatabase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(partitionScheme, "partitionScheme");
    }

    @Override
    public MessageType type() {
        return MessageType.CREATE_DATABASE;
    }

    @Override
    public void writePayload(PayloadWriter out) {
        out.writeString(name).writeString(partitionScheme);
    }

    static CreateDatabase read(PayloadReader in) {
        return new CreateDatabase(
                in.readRequiredString("name"), in.readRequiredString("partitionScheme"));
    }
}
