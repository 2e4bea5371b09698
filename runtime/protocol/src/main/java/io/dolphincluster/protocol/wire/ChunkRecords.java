package io.dolphincluster.protocol.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Records of a chunk's log in sequence order, and the sender's last sequence number: the answer to
 * {@link ChunkFetch}.
 */
public record ChunkRecords(long lastSeq, List<ChunkRecord> records) implements Message {
    public ChunkRecords {
        records = List.copyOf(records);
    }

    @Override
    public MessageType type() {
        return MessageType.CHUNK_RECORDS;
    }

    @Override
    public void writePayload(PayloadWriter out) {
        out.writeLong(lastSeq);
        writeRecords(out, records);
    }

    static ChunkRecords read(PayloadReader in) {
        long lastSeq = in.readLong();
        return new ChunkRecords(lastSeq, readRecords(in));
    }

    static void writeRecords(PayloadWriter out, List<ChunkRecord> records) {
        out.writeInt(records.size());
        for (ChunkRecord record : records) {
            out.writeLong(record.seq()).writeString(record.writeId()).writeBytes(record.payload());
        }
    }

    static List<ChunkRecord> readRecords(PayloadReader in) {
        int count = in.readCount(16);
        List<ChunkRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(new ChunkRecord(in.readLong(), in.readRequiredString("writeId"), in.readBytes()));
        }
        return records;
    }
}
