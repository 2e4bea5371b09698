package io.dolphincluster.runtime.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What a chunk log keeps in memory: the file offset of every record (by seq, which starts at 1 and
 * has no gaps), the seq of every write id, the digest of every prefix of the log, and where the
 * file ends. Not thread-safe; {@link ChunkLog} guards it.
 *
 * <p>The prefix digest of seq {@code s} folds the write ids of records 1..s (64-bit FNV-1a,
 * chained): two logs with the same digest at {@code s} hold the same writes in the same order up to
 * {@code s}, so comparing one number tells a replica whether its log is a prefix of the primary's.
 */
final class RecordIndex {
    /** The digest of the empty log. */
    static final long EMPTY_DIGEST = 0xcbf29ce484222325L;

    private static final long FNV_PRIME = 0x100000001b3L;

    private long[] offsets = new long[16];
    private long[] digests = new long[16];
    private int count;
    private final Map<String, Long> seqByWriteId = new HashMap<>();
    private long end = RecordFormat.FILE_HEADER_BYTES;

    void add(long offset, String writeId, long encodedSize) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
            digests = Arrays.copyOf(digests, count * 2);
        }
        digests[count] = fold(digestAt(count), writeId);
        offsets[count++] = offset;
        seqByWriteId.put(writeId, (long) count);
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
        return seqByWriteId.containsKey(writeId);
    }

    /** The seq of the record with this write id, or 0 when there is none. */
    long seqOf(String writeId) {
        return seqByWriteId.getOrDefault(writeId, 0L);
    }

    /**
     * The digest of records 1..seq ({@link #EMPTY_DIGEST} for 0); seq must be at most {@link
     * #lastSeq()}.
     */
    long digestAt(long seq) {
        if (seq < 0 || seq > count)
            throw new IllegalArgumentException("no record " + seq + " (last is " + count + ")");
        return seq == 0 ? EMPTY_DIGEST : digests[(int) (seq - 1)];
    }

    long end() {
        return end;
    }

    private static long fold(long digest, String writeId) {
        long hash = digest;
        for (byte b : writeId.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        hash ^= 0xff; // a separator, so that "ab"+"c" and "a"+"bc" differ
        return hash * FNV_PRIME;
    }
}
