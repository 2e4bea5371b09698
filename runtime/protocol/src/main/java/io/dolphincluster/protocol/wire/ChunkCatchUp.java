package io.dolphincluster.protocol.wire;

import java.util.Objects;

/**
 * Catching-up {@code replica} → the chunk's primary: "I have every record up to {@code lastSeq},
 * and my log's digest there is {@code digest}". Under the chunk's lock the primary compares with
 * its own log; when they match it marks the replica in sync through the controller and answers
 * {@link Ok}, otherwise it answers an {@link ErrorReply} (code {@code BEHIND}, retryable) and the
 * replica fetches again.
 */
public record ChunkCatchUp(String chunkId, String replica, long lastSeq, long digest)
        implements Message {
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
        out.writeString(chunkId).writeString(replica).writeLong(lastSeq).writeLong(digest);
    }

    static ChunkCatchUp read(PayloadReader in) {
        String chunkId = in.readRequiredString("chunkId");
        String replica = in.readRequiredString("replica");
        long lastSeq = in.readLong();
        return new ChunkCatchUp(chunkId, replica, lastSeq, in.readLong());
    }
}
