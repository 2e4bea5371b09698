package io.dolphincluster.protocol.wire;

import java.util.Objects;

/**
 * Drops table {@code table} of database {@code database} with its data, or the whole database when
 * {@code table} is empty. Answered by {@link Ok}; an unknown database or table is an {@link
 * ErrorReply}.
 */
public record Drop(String database, String table) implements Message {
    public Drop {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(table, "table");
    }

    /** The whole database. */
    public static Drop database(String database) {
        return new Drop(database, "");
    }

    @Override
    public MessageType type() {
        return MessageType.DROP;
    }

    @Override
    public void writePayload(PayloadWriter out) {
        out.writeString(database).writeString(table);
    }

    static Drop read(PayloadReader in) {
        String database = in.readRequiredString("database");
        String table = in.readString();
        return new Drop(database, table == null ? "" : table);
    }
}
