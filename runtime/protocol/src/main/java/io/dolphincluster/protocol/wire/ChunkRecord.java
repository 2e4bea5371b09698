package io.dolphincluster.protocol.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record of a chunk's log as sent in {@link ChunkRecords}: its sequence number, write id and
 * encoded rows.
 */
public record ChunkRecord(long seq, String writeId, byte[] payload) {
    public ChunkRecord {
        Objects.requireNonNull(writeId, "writeId");
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ChunkRecord)) return false;
        ChunkRecord other = (ChunkRecord) o;
        return seq == other.seq
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
                + ", "
                + payload.length
                + " bytes]";
    }
}
