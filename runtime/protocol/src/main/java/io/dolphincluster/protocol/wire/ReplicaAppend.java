package io.dolphincluster.protocol.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Primary {@code from} → another replica of a chunk: append these records (in sequence) to the chunk's log.
 * Answered by {@link ReplicaAck} with the replica's last sequence number afterwards; a replica that does not
 * take {@code from} for the chunk's primary answers an {@link Error}.
 */
public record ReplicaAppend(String from, String chunkId, List<ChunkRecord> records) implements Message {
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
        out.writeString(from).writeString(chunkId);
        ChunkRecords.writeRecords(out, records);
    }

    static ReplicaAppend read(PayloadReader in) {
        String from = in.readRequiredString("from");
        String chunkId = in.readRequiredString("chunkId");
        return new ReplicaAppend(from, chunkId, ChunkRecords.readRecords(in));
    }

    @Override
    public String toString() {
        return "ReplicaAppend[from=" + from + ", chunk=" + chunkId + ", " + records.size() + " records]";
    }
}
