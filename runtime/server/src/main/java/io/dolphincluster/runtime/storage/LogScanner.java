package io.dolphincluster.runtime.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Reads a whole chunk log file at open, verifying every record, and tells a torn tail from
 * corruption.
 *
 * <p>A torn tail is what a crash during an un-fsync'd append can leave at the end of the file, and
 * the only thing this class lets the caller cut off:
 *
 * <ul>
 *   <li>fewer bytes than a record header after the last good record;
 *   <li>an intact header (its own checksum holds) whose record runs past the end of the file;
 *   <li>nothing but zero bytes from the start of a record to the end of the file (file systems may
 *       extend a file before its data reaches the disk; no record is all zeros, its header checksum
 *       would not hold).
 * </ul>
 *
 * Anything else that fails is corruption, wherever it is, including a complete last record whose
 * body checksum fails: appends are fsync'd before they are acknowledged, so a complete record may
 * have been acknowledged, and dropping it silently would lose an acknowledged write.
 */
final class LogScanner {

    /** The records found, and the torn tail (offset and length; length 0 when there is none). */
    record Result(RecordIndex index, long tornOffset, long tornBytes) {}

    private static final int ZERO_CHECK_BLOCK = 64 * 1024;

    private LogScanner() {}

    static Result scan(Path chunkDir, FileChannel channel) throws IOException {
        long size = channel.size();
        checkFileHeader(chunkDir, channel, size);
        RecordReader reader = new RecordReader(chunkDir, channel);
        RecordIndex index = new RecordIndex();
        long pos = RecordFormat.FILE_HEADER_BYTES;
        while (pos < size) {
            if (size - pos < RecordFormat.RECORD_HEADER_BYTES) {
                return new Result(index, pos, size - pos);
            }
            RecordReader.Header header = reader.readHeader(pos);
            if (!header.intact()) {
                if (allZero(channel, pos, size)) {
                    return new Result(index, pos, size - pos);
                }
                throw CorruptChunkException.checksum(
                        chunkDir,
                        pos,
                        "record header",
                        header.expectedHeaderCrc(),
                        header.headerCrc());
            }
            if (pos + header.recordBytes() > size) {
                return new Result(index, pos, size - pos);
            }
            ChunkRecord record = reader.readBody(pos, header, index.lastSeq() + 1);
            index.add(pos, record.writeId(), header.recordBytes());
            pos += header.recordBytes();
        }
        return new Result(index, size, 0);
    }

    private static void checkFileHeader(Path chunkDir, FileChannel channel, long size)
            throws IOException {
        if (size < RecordFormat.FILE_HEADER_BYTES) {
            throw new CorruptChunkException(
                    chunkDir, 0, "file of " + size + " bytes has no complete header");
        }
        ByteBuffer buffer = ByteBuffer.allocate(RecordFormat.FILE_HEADER_BYTES);
        while (buffer.hasRemaining()) {
            channel.read(buffer, buffer.position());
        }
        buffer.flip();
        int magic = buffer.getInt();
        int version = buffer.getInt();
        if (magic != RecordFormat.MAGIC) {
            throw new CorruptChunkException(chunkDir, 0, String.format("bad magic %08x", magic));
        }
        if (version != RecordFormat.VERSION) {
            throw new CorruptChunkException(chunkDir, 4, "unsupported format version " + version);
        }
    }

    private static boolean allZero(FileChannel channel, long from, long to) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(ZERO_CHECK_BLOCK);
        long pos = from;
        while (pos < to) {
            buffer.clear().limit((int) Math.min(ZERO_CHECK_BLOCK, to - pos));
            int n = channel.read(buffer, pos);
            if (n < 0) {
                return true;
            }
            for (int i = 0; i < n; i++) {
                if (buffer.get(i) != 0) {
                    return false;
                }
            }
            pos += n;
        }
        return true;
    }
}
