package io.dolphincluster.protocol.wire;

import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.RowBatchCodec;
import java.util.Objects;

/**
 * Appends rows to a table. {@code writeId} is chosen by the client per batch and reused on every
 * retry of it, so a retried append is applied once. Answered by {@link AppendOk}. The rows are
 * decoded with memory bounded by their bytes ({@link RowBatchCodec#decodeBounded}): a server
 * decodes appends from any logged-in client.
 */
public record Append(String database, String table, String writeId, RowBatch rows)
        implements Message {
    public Append {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(writeId, "writeId");
        Objects.requireNonNull(rows, "rows");
    }

    @Override
    public MessageType type() {
        return MessageType.APPEND;
    }

    @Override
    public void writePayload(PayloadWriter out) {
        out.writeString(database)
                .writeString(table)
                .writeString(writeId)
                .writeBytes(RowBatchCodec.encode(rows));
    }

    static Append read(PayloadReader in) {
        return new Append(
                in.readRequiredString("database"),
                in.readRequiredString("table"),
                in.readRequiredString("writeId"),
                RowBatchCodec.decodeBounded(in.readBytes()));
    }

    @Override
    public String toString() {
        return "Append["
                + database
                + "/"
                + table
                + ", writeId="
                + writeId
                + ", "
                + rows.size()
                + " rows]";
    }
}
