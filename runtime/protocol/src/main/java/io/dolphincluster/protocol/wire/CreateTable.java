package io.dolphincluster.protocol.wire;

import io.dolphincluster.protocol.data.RowBatchCodec;
import io.dolphincluster.protocol.data.Schema;
import java.util.Objects;

/**
 * Creates a partitioned table in {@code database}, partitioned on {@code partitionColumn}. Answered
 * by {@link Ok}.
 */
public record CreateTable(String database, String table, Schema columns, String partitionColumn)
        implements Message {
    public CreateTable {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(partitionColumn, "partitionColumn");
    }

    @Override
    public MessageType type() {
        return MessageType.CREATE_TABLE;
    }

    @Override
    public void writePayload(PayloadWriter out) {
        out.writeString(database).writeString(table);
        out.writeBytes(RowBatchCodec.encodeSchema(columns));
        out.writeString(partitionColumn);
    }

    static CreateTable read(PayloadReader in) {
        return new CreateTable(
                in.readRequiredString("database"),
                in.readRequiredString("table"),
                RowBatchCodec.decodeSchema(in.readBytes()),
                in.readRequiredString("partitionColumn"));
    }
}
