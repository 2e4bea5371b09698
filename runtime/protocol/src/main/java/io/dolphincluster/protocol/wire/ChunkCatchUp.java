package io.dolphincluster.protocol.wire;

import java.util.Objects;

/** Catching-up replica → primary, for the last records: the primary answers the rest ({@link ChunkRecords}) under the chunk's lock and marks the replica in sync before releasing it. */
public record ChunkCatchUp(String chunkId, long afterSeq) implements Message {
    public ChunkCatchUp {
        Objects.requireNonNull(chunkId, "chunkId");
    }

    @Override
    public MessageType type() {
        return MessageType.CHUNK_CATCH_UP;
    }

    @Override
    public void writePayload(PayloadWriter out) {
        out.writeString(chunkId).writeLong(afterSeq);
    }

    static ChunkCatchUp read(PayloadReader in) {
        return new ChunkCatchUp(in.readRequiredString("chunkId"), in.readLong());
    }
}
