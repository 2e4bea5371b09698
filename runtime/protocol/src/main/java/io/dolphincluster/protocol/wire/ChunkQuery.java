package io.dolphincluster.protocol.wire;

import io.dolphincluster.protocol.query.Query;
import java.util.Objects;

/**
 * Coordinator → an in-sync replica: evaluate {@code query} on one chunk; answered by {@link
 * QueryResult}.
 */
public record ChunkQuery(String chunkId, Query query) implements Message {
    public ChunkQuery {
        Objects.requireNonNull(chunkId, "chunkId");
        Objects.requireNonNull(query, "query");
    }

    @Override
    public MessageType type() {
        return MessageType.CHUNK_QUERY;
    }

    @Override
    public void writePayload(PayloadWriter out) {
        out.writeString(chunkId);
        QueryBytes.write(out, query);
    }

    static ChunkQuery read(PayloadReader in) {
        return new ChunkQuery(in.readRequiredString("chunkId"), QueryBytes.read(in));
    }
}
