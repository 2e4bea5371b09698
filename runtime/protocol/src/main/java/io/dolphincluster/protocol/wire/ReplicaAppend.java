package io.dolphincluster.protocol.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * Primary → another in-sync replica: append record {@code seq} (the encoded rows of {@code writeId}) to the chunk's
 * log. Answered by {@link Ok}, or an {@link Error} when the replica is behind. The payload array is not copied.
 */
public record ReplicaAppend(String chunkId, long seq, String writeId, byte[] payload) implements Message {
    public ReplicaAppend {
        Objects.requireNonNull(chunkId, "chunkId");
        Objects.requireNonNull(writeId, "writeId");
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public MessageType type() {
        return MessageType.REPLICA_APPEND;
    }

    @Override
    public void writePayload(PayloadWriter out) {
        out.writeString(chunkId).writeLong(seq).writeString(writeId).writeBytes(payload);
    }

    static ReplicaAppend read(PayloadReader in) {
        return new ReplicaAppend(in.readRequiredString("chunkId"), in.readLong(), in.readRequiredString("writeId"), in.readBytes());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ReplicaAppend)) return false;
        ReplicaAppend other = (ReplicaAppend) o;
        return chunkId.equals(other.chunkId) && seq == other.seq && writeId.equals(other.writeId) && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chunkId, seq, writeId, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "ReplicaAppend[chunk=" + chunkId + ", seq=" + seq + ", writeId=" + writeId + ", " + payload.length + " bytes]";
    }
}
