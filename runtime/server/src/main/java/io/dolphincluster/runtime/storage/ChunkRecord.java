package io.dolphincluster.runtime.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One write to a chunk replica, as stored in its {@link ChunkLog}.
 *
 * <p>{@code seq} is assigned by the chunk's primary replica: 1, 2, 3, ... without gaps. {@code
 * writeId} is the client's idempotency id (non-null, at most {@value #MAX_WRITE_ID_BYTES} UTF-8
 * bytes). {@code payload} is opaque (an encoded row batch) of at most {@value #MAX_PAYLOAD_BYTES}
 * bytes. The array is not copied, for speed with large batches: callers must not change it after
 * handing it over.
 */
public record ChunkRecord(long seq, String writeId, byte[] payload) {

    public static final int MAX_WRITE_ID_BYTES = 200;
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024 * 1024;

    public ChunkRecord {
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be >= 1, was " + seq);
        }
        Objects.requireNonNull(writeId, "writeId");
        Objects.requireNonNull(payload, "payload");
        int idBytes = writeId.getBytes(StandardCharsets.UTF_8).length;
        if (idBytes > MAX_WRITE_ID_BYTES) {
            throw new IllegalArgumentException(
                    "writeId has "
                            + idBytes
                            + " UTF-8 bytes, at most "
                            + MAX_WRITE_ID_BYTES
                            + " allowed");
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException(
                    "payload has "
                            + payload.length
                            + " bytes, at most "
                            + MAX_PAYLOAD_BYTES
                            + " allowed");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkRecord other
                && seq == other.seq
                && writeId.equals(other.writeId)
                && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seq, writeId, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "ChunkRecord[seq="
                + seq
                + ", writeId="
                + writeId
                + ", payload="
                + payload.length
                + " bytes]";
    }
}
