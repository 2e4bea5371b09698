package io.dolphincluster.protocol.wire;

import java.util.List;
import java.util.Objects;

/**
 * Primary {@code from}, acting in the chunk's configuration {@code epoch} → another in-sync replica
 * of the chunk: append these records (in sequence) to the chunk's log. Answered by {@link
 * ReplicaAck} with the replica's last sequence number afterwards; a replica that knows a later
 * epoch, that does not take {@code from} for the primary of {@code epoch}, or that holds another
 * write at one of the records' sequence numbers answers an {@link ErrorReply}.
 */
public record ReplicaAppend(String from, String chunkId, long epoch, List<ChunkRecord> records)
        implements Message {
    public ReplicaAppend {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(chunkId, "chunkId");
        records = List.copyOf(records);
    }

    @Override
    public MessageType type() {
        return MessageType.REPLICA_APPEND;
    }

    @Override
    public void writePayload(PayloadWriter out) {
        out.writeString(from).writeString(chunkId).writeLong(epoch);
        ChunkRecords.writeRecords(out, records);
    }

    static ReplicaAppend read(PayloadReader in) {
        String from = in.readRequiredString("from");
        String chunkId = in.readRequiredString("chunkId");
        long epoch = in.readLong();
        return new ReplicaAppend(from, chunkId, epoch, ChunkRecords.readRecords(in));
    }

    @Override
    public String toString() {
        return "ReplicaAppend[from="
                + from
                + ", chunk="
                + chunkId
                + ", epoch="
                + epoch
                + ", "
                + records.size()
                + " records]";
    }
}
