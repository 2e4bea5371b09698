package io.dolphincluster.runtime.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The on-disk layout of a chunk log, version 1.
 *
 * <pre>
 * file   := fileHeader record*
 * fileHeader := magic "DCHK" (4 bytes) | version int32 = 1
 * record := bodyLength int32 | bodyCrc int32 | headerCrc int32 | body
 * body   := seq int64 | writeIdLength uint16 | writeId (UTF-8) | payload
 * </pre>
 *
 * All integers are big-endian. {@code bodyCrc} is CRC32C of the body; {@code headerCrc} is CRC32C
 * of the first 8 header bytes, so a damaged length is recognised as damage and never taken for a
 * record that runs past the end of the file.
 */
final class RecordFormat {

    static final int MAGIC = 0x4443484B; // "DCHK"
    static final int VERSION = 1;
    static final int FILE_HEADER_BYTES = 8;
    static final int RECORD_HEADER_BYTES = 12;
    static final int BODY_PREFIX_BYTES = Long.BYTES + Short.BYTES;
    static final int MAX_BODY_BYTES =
            BODY_PREFIX_BYTES + ChunkRecord.MAX_WRITE_ID_BYTES + ChunkRecord.MAX_PAYLOAD_BYTES;

    private RecordFormat() {}

    static ByteBuffer fileHeader() {
        return ByteBuffer.allocate(FILE_HEADER_BYTES).putInt(MAGIC).putInt(VERSION).flip();
    }

    /**
     * Header, body prefix with the write id, and payload of {@code record}, ready for a gathering
     * write.
     */
    static ByteBuffer[] encode(ChunkRecord record) {
        byte[] id = record.writeId().getBytes(StandardCharsets.UTF_8);
        ByteBuffer prefix =
                ByteBuffer.allocate(BODY_PREFIX_BYTES + id.length)
                        .putLong(record.seq())
                        .putShort((short) id.length)
                        .put(id)
                        .flip();
        CRC32C crc = new CRC32C();
        crc.update(prefix.duplicate());
        crc.update(record.payload());
        int bodyLength = prefix.remaining() + record.payload().length;
        int bodyCrc = (int) crc.getValue();
        ByteBuffer header =
                ByteBuffer.allocate(RECORD_HEADER_BYTES)
                        .putInt(bodyLength)
                        .putInt(bodyCrc)
                        .putInt(headerCrc(bodyLength, bodyCrc))
                        .flip();
        return new ByteBuffer[] {header, prefix, ByteBuffer.wrap(record.payload())};
    }

    static long encodedSize(ChunkRecord record) {
        return RECORD_HEADER_BYTES
                + BODY_PREFIX_BYTES
                + record.writeId().getBytes(StandardCharsets.UTF_8).length
                + (long) record.payload().length;
    }

    static int headerCrc(int bodyLength, int bodyCrc) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(8).putInt(bodyLength).putInt(bodyCrc).flip());
        return (int) crc.getValue();
    }
}
