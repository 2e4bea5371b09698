package io.dolphincluster.runtime.storage;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * What a chunk log keeps in memory: the file offset of every record (by seq, which starts at 1 and has
 * no gaps), the write ids of all records, and where the file ends. Not thread-safe; {@link ChunkLog}
 * guards it.
 */
final class RecordIndex {

    private long[] offsets = new long[16];
    private int count;
    private final Set<String> writeIds = new HashSet<>();
    private long end = RecordFormat.FILE_HEADER_BYTES;

    void add(long offset, String writeId, long encodedSize) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
        }
        offsets[count++] = offset;
        writeIds.add(writeId);
        end = offset + encodedSize;
    }

    long lastSeq() {
        return count;
    }

    int count() {
        return count;
    }

    long offsetOf(long seq) {
        return offsets[(int) (seq - 1)];
    }

    boolean contains(String writeId) {
        return writeIds.contains(writeId);
    }

    long end() {
        return end;
    }
}
