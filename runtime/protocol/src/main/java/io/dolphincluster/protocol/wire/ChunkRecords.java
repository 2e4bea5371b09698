package io.dolphincluster.protocol.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Records of a chunk's log in sequence order, the sender's last sequence number, and the digest of
 * the sender's log up to the fetch's {@code afterSeq} ({@code afterDigest}, 0 when the sender has
 * fewer records than that): the answer to {@link ChunkFetch}. A replica whose own digest at {@code
 * afterSeq} differs holds other writes.
 */
public record ChunkRecords(long lastSeq, long afterDigest, List<ChunkRecord> records)
        implements Message {
    public ChunkRecords {
        records = List.copyOf(records);
    }

    @Override
    public MessageType type() {
        return MessageType.CHUNK_RECORDS;
    }

    @Override
    public void writePayload(PayloadWriter out) {
        out.writeLong(lastSeq).writeLong(afterDigest);
        writeRecords(out, records);
    }

    static ChunkRecords read(PayloadReader in) {
        long lastSeq = in.readLong();
        long afterDigest = in.readLong();
        return new ChunkRecords(lastSeq, afterDigest, readRecords(in));
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
            records.add(
                    new ChunkRecord(
                            in.readLong(), in.readRequiredString("writeId"), in.readBytes()));
        }
        return records;
    }
}
