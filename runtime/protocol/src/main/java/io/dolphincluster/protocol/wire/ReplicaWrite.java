package io.dolphincluster.protocol.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * Coordinator → a chunk's primary: write these rows to the chunk once per {@code writeId}. Answered
 * by {@link Ok}. {@code rows} are {@code RowBatchCodec} bytes, encoded once by the coordinator and
 * stored by the primary as they are (only datanodes, logged in as the internal user, may send
 * this). The array is not copied.
 */
public record ReplicaWrite(String chunkId, String writeId, byte[] rows) implements Message {
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
        out.writeString(chunkId).writeString(writeId).writeBytes(rows);
    }

    static ReplicaWrite read(PayloadReader in) {
        return new ReplicaWrite(
                in.readRequiredString("chunkId"), in.readRequiredString("writeId"), in.readBytes());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplicaWrite other
                && chunkId.equals(other.chunkId)
                && writeId.equals(other.writeId)
                && Arrays.equals(rows, other.rows);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chunkId, writeId, Arrays.hashCode(rows));
    }

    @Override
    public String toString() {
        return "ReplicaWrite[chunk="
                + chunkId
                + ", writeId="
                + writeId
                + ", "
                + rows.length
                + " bytes]";
    }
}
