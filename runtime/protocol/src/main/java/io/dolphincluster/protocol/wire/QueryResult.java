package io.dolphincluster.protocol.wire;

import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.RowBatchCodec;
import java.util.Objects;

/** The rows a {@link RunQuery} or {@link ChunkQuery} produced. */
public record QueryResult(RowBatch rows) implements Message {
    public QueryResult {
        Objects.requireNonNull(rows, "rows");
    }

    @Override
    public MessageType type() {
        return MessageType.QUERY_RESULT;
    }

    @Override
    public void writePayload(PayloadWriter out) {
        out.writeBytes(RowBatchCodec.encode(rows));
    }

    static QueryResult read(PayloadReader in) {
        return new QueryResult(RowBatchCodec.decode(in.readBytes()));
    }

    @Override
    public String toString() {
        return "QueryResult[" + rows.size() + " rows]";
    }
}
