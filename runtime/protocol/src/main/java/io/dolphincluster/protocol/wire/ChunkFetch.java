package io.dolphincluster.protocol.wire;

import java.util.Objects;

/**
 * Catching-up replica → primary: the chunk's records after {@code afterSeq}; answered by {@link
 * ChunkRecords}.
 */
public record ChunkFetch(String chunkId, long afterSeq) implements Message {
    public ChunkFetch {
        Objects.requireNonNull(chunkId, "chunkId");
    }

    @Override
    public MessageType type() {
        return MessageType.CHUNK_FETCH;
    }

    @Override
    public void writePayload(PayloadWriter out) {
        out.writeString(chunkId).writeLong(afterSeq);
    }

    static ChunkFetch read(PayloadReader in) {
        return new ChunkFetch(in.readRequiredString("chunkId"), in.readLong());
    }
}
