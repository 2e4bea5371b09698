package io.dolphincluster.runtime.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Reads records of a chunk log file at given offsets and verifies both checksums of each. Any
 * mismatch, malformed field, unexpected seq, or a file that ends inside a record it was asked to
 * read is a {@link CorruptChunkException}. Positional reads only, so it may share the channel with
 * a writer.
 */
final class RecordReader {

    /** A record header as found on disk, not yet verified. */
    record Header(int bodyLength, int bodyCrc, int headerCrc) {
        int expectedHeaderCrc() {
            return RecordFormat.headerCrc(bodyLength, bodyCrc);
        }

        boolean intact() {
            return headerCrc == expectedHeaderCrc();
        }

        long recordBytes() {
            return RecordFormat.RECORD_HEADER_BYTES + (long) bodyLength;
        }
    }

    private final Path chunkDir;
    private final FileChannel channel;

    RecordReader(Path chunkDir, FileChannel channel) {
        this.chunkDir = chunkDir;
        this.channel = channel;
    }

    /** The record at {@code offset}, which must have seq {@code expectedSeq}. */
    ChunkRecord read(long offset, long expectedSeq) throws IOException {
        Header header = readHeader(offset);
        if (!header.intact()) {
            throw CorruptChunkException.checksum(
                    chunkDir,
                    offset,
                    "record header",
                    header.expectedHeaderCrc(),
                    header.headerCrc());
        }
        return readBody(offset, header, expectedSeq);
    }

    Header readHeader(long offset) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(RecordFormat.RECORD_HEADER_BYTES);
        readFully(buffer, offset);
        buffer.flip();
        return new Header(buffer.getInt(), buffer.getInt(), buffer.getInt());
    }

    /** The body of the record at {@code offset} whose (intact) header is {@code header}. */
    ChunkRecord readBody(long offset, Header header, long expectedSeq) throws IOException {
        int bodyLength = header.bodyLength();
        if (bodyLength < RecordFormat.BODY_PREFIX_BYTES
                || bodyLength > RecordFormat.MAX_BODY_BYTES) {
            throw new CorruptChunkException(
                    chunkDir, offset, "record body length " + bodyLength + " out of range");
        }
        long bodyOffset = offset + RecordFormat.RECORD_HEADER_BYTES;
        int headBytes =
                Math.min(
                        bodyLength,
                        RecordFormat.BODY_PREFIX_BYTES + ChunkRecord.MAX_WRITE_ID_BYTES);
        ByteBuffer head = ByteBuffer.allocate(headBytes);
        readFully(head, bodyOffset);
        head.flip();
        long seq = head.getLong();
        int idLength = Short.toUnsignedInt(head.getShort());
        int idEnd = RecordFormat.BODY_PREFIX_BYTES + idLength;
        if (idLength > ChunkRecord.MAX_WRITE_ID_BYTES || idEnd > bodyLength) {
            int actual = crcOfRegion(bodyOffset, bodyLength);
            if (actual != header.bodyCrc()) {
                throw CorruptChunkException.checksum(
                        chunkDir, offset, "record body", header.bodyCrc(), actual);
            }
            throw new CorruptChunkException(
                    chunkDir,
                    offset,
                    "malformed record body (write id length "
                            + idLength
                            + ", body length "
                            + bodyLength
                            + ")");
        }
        byte[] payload = new byte[bodyLength - idEnd];
        int payloadInHead = headBytes - idEnd;
        head.get(idEnd, payload, 0, payloadInHead);
        readFully(
                ByteBuffer.wrap(payload, payloadInHead, payload.length - payloadInHead),
                bodyOffset + headBytes);

        CRC32C crc = new CRC32C();
        crc.update(head.array(), 0, idEnd);
        crc.update(payload);
        int actual = (int) crc.getValue();
        if (actual != header.bodyCrc()) {
            throw CorruptChunkException.checksum(
                    chunkDir, offset, "record body", header.bodyCrc(), actual);
        }
        if (seq != expectedSeq) {
            throw new CorruptChunkException(
                    chunkDir, offset, "expected seq " + expectedSeq + ", found " + seq);
        }
        String writeId =
                new String(
                        head.array(),
                        RecordFormat.BODY_PREFIX_BYTES,
                        idLength,
                        StandardCharsets.UTF_8);
        return new ChunkRecord(seq, writeId, payload);
    }

    private int crcOfRegion(long from, int length) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buffer = ByteBuffer.allocate(Math.min(length, 1 << 20));
        long pos = from;
        long end = from + length;
        while (pos < end) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), end - pos));
            readFully(buffer, pos);
            buffer.flip();
            pos += buffer.remaining();
            crc.update(buffer);
        }
        return (int) crc.getValue();
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new CorruptChunkException(
                        chunkDir, position, "file ends at " + at + " inside a record");
            }
            at += n;
        }
    }
}
