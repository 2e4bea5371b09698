package io.dolphincluster.protocol.wire;

import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.RowBatchCodec;
import java.util.Objects;

/** Coordinator → a chunk's primary: write these rows to the chunk once per {@code writeId}. Answered by {@link Ok}. */
public record ReplicaWrite(String chunkId, String writeId, RowBatch rows) implements Message {
    public ReplicaWrite {
        Objects.requireNonNull(chunkId, "chunkId");
        Objects.requireNonNull(writeId, "writeId");
        Objects.requireNonNull(rows, "rows");
    }

    @Override
    public MessageType type() {
        return MessageType.REPLICA_WRITE;
    }

    @Override
    public void writePayload(PayloadWriter out) {
        out.writeString(chunkId).writeString(writeId).writeBytes(RowBatchCodec.encode(rows));
    }

    static ReplicaWrite read(PayloadReader in) {
        return new ReplicaWrite(in.readRequiredString("chunkId"), in.readRequiredString("writeId"), RowBatchCodec.decode(in.readBytes()));
    }

    @Override
    public String toString() {
        return "ReplicaWrite[chunk=" + chunkId + ", writeId=" + writeId + ", " + rows.size() + " rows]";
    }
}
