package io.dolphincluster.runtime.dolphindb.codec;

import com.xxdb.data.BasicEntityFactory;
import com.xxdb.io.LittleEndianDataInputStream;
import com.xxdb.io.LittleEndianDataOutputStream;
import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The official Java API's serializer and deserializer, as the reference for ours. */
final class OfficialClient {
    private OfficialClient() {}

    static byte[] bytesOf(com.xxdb.data.Entity entity) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            LittleEndianDataOutputStream out = new LittleEndianDataOutputStream(bytes);
            entity.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one object as the client reads a reply's object. */
    static com.xxdb.data.Entity read(byte[] bytes) {
        try {
            LittleEndianDataInputStream in =
                    new LittleEndianDataInputStream(new ByteArrayInputStream(bytes));
            short flag = in.readShort();
            int form = flag >> 8;
            int type = flag & 0xff;
            boolean extended = type >= 128;
            if (extended) type -= 128;
            return BasicEntityFactory.instance()
                    .createEntity(
                            com.xxdb.data.Entity.DATA_FORM.values()[form],
                            com.xxdb.data.Entity.DATA_TYPE.valueOf(type),
                            in,
                            extended);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] ours(Entity entity) {
        ByteBuf buf = Unpooled.buffer();
        EntityWriter.write(entity, buf);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        return bytes;
    }

    /**
     * Our reading of {@code bytes}, fed to the scanner one byte at a time first (it must find the
     * end exactly).
     */
    static Entity readOurs(byte[] bytes) {
        ByteBuf buf = Unpooled.buffer();
        ObjectScanner scanner = new ObjectScanner(1, 1 << 20);
        for (int i = 0; i < bytes.length; i++) {
            if (scanner.scan(buf))
                throw new AssertionError("the scanner ended at byte " + i + " of " + bytes.length);
            buf.writeByte(bytes[i]);
        }
        if (!scanner.scan(buf))
            throw new AssertionError(
                    "the scanner did not find the end of " + bytes.length + " bytes");
        if (scanner.end() != bytes.length)
            throw new AssertionError(
                    "the scanner ended at " + scanner.end() + " of " + bytes.length);
        Entity entity = EntityReader.read(buf, 1).get(0);
        if (buf.isReadable()) throw new AssertionError(buf.readableBytes() + " bytes left unread");
        return entity;
    }
}
