package io.dolphincluster.protocol.wire;

import java.util.Objects;

/**
 * Catching-up {@code replica} → the chunk's primary: "I have every record up to {@code lastSeq}". Under the
 * chunk's lock the primary compares with its own log; when they match it marks the replica in sync through the
 * controller and answers {@link Ok}, otherwise it answers an {@link Error} (code {@code BEHIND}, retryable) and the
 * replica fetches again.
 */
public record ChunkCatchUp(String chunkId, String replica, long lastSeq) implements Message {
    public ChunkCatchUp {
        Objects.requireNonNull(chunkId, "chunkId");
        Objects.requireNonNull(replica, "replica");
    }

    @Override
    public MessageType type() {
        return MessageType.CHUNK_CATCH_UP;
    }

    @Override
    public void writePayload(PayloadWriter out) {
        out.writeString(chunkId).writeString(replica).writeLong(lastSeq);
    }

    static ChunkCatchUp read(PayloadReader in) {
        return new ChunkCatchUp(in.readRequiredString("chunkId"), in.readRequiredString("replica"), in.readLong());
    }
}
