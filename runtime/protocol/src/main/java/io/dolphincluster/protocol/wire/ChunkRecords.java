package io.dolphincluster.protocol.wire;

import java.util.ArrayList;
import java.util.List;

/** Records of a chunk's log in sequence order, the answer to {@link ChunkFetch} and {@link ChunkCatchUp}. */
public record ChunkRecords(List<ChunkRecord> records) implements Message {
    public ChunkRecords {
        records = List.copyOf(records);
    }

    @Override
    public MessageType type() {
        return MessageType.CHUNK_RECORDS;
    }

    @Override
    public void writePayload(PayloadWriter out) {
        out.writeInt(records.size());
        for (ChunkRecord record : records) {
            out.writeLong(record.seq()).writeString(record.writeId()).writeBytes(record.payload());
        }
    }

    static ChunkRecords read(PayloadReader in) {
        int count = in.readCount(16);
        List<ChunkRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(new ChunkRecord(in.readLong(), in.readRequiredString("writeId"), in.readBytes()));
        }
        return new ChunkRecords(records);
    }
}
