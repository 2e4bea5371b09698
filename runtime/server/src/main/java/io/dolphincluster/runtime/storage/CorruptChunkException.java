package io.dolphincluster.runtime.storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A chunk replica's log holds bytes that fail their checksum (or are otherwise malformed) at a
 * place where a crash cannot explain them. Nothing was truncated or repaired: the caller must
 * rebuild the replica from a good one. When open fails this way: {@link ChunkStore#delete}, then
 * {@link ChunkStore#open(String)} and {@link ChunkLog#replaceWith} with the good replica's records;
 * when only a read fails, {@link ChunkLog#replaceWith} on the open log is enough.
 */
public final class CorruptChunkException extends IOException {

    private final Path chunkDir;
    private final long offset;

    CorruptChunkException(Path chunkDir, long offset, String what) {
        super("chunk " + chunkDir + " is corrupt at offset " + offset + ": " + what);
        this.chunkDir = chunkDir;
        this.offset = offset;
    }

    static CorruptChunkException checksum(
            Path chunkDir, long offset, String field, int expected, int actual) {
        return new CorruptChunkException(
                chunkDir,
                offset,
                String.format(
                        "%s checksum mismatch (expected %08x, actual %08x)",
                        field, expected, actual));
    }

    /** The directory of the corrupt chunk replica. */
    public Path chunkDir() {
        return chunkDir;
    }

    /** Byte offset in the log file of the record (or header) that failed. */
    public long offset() {
        return offset;
    }
}
