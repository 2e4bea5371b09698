package io.dolphincluster.runtime.dolphindb.wire;

import io.dolphincluster.runtime.dolphindb.codec.EntityWriter;
import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Nothing;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * Replies as the clients parse them: {@code <sessionId> <objects> 1\nOK\n[object]} (little-endian,
 * one object or none) or {@code <sessionId> 0 1\n<message>\n}, the message on one line.
 */
public final class Replies {
    static final int MAX_MESSAGE_CHARS = 4096;

    /**
     * The start of an error on which DolphinDB's HA clients fail over to another node and re-send
     * the request.
     */
    public static final String NOT_AVAILABLE = "<DataNodeNotAvail>";

    private Replies() {}

    public static ByteBuf ok(ByteBufAllocator alloc, String sessionId, Entity result) {
        ByteBuf out = alloc.buffer();
        try {
            boolean hasObject = result != null && result != Nothing.INSTANCE;
            out.writeCharSequence(
                    sessionId + (hasObject ? " 1 1\nOK\n" : " 0 1\nOK\n"), StandardCharsets.UTF_8);
            if (hasObject) EntityWriter.write(result, out);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    public static ByteBuf error(ByteBufAllocator alloc, String sessionId, String message) {
        ByteBuf out = alloc.buffer();
        out.writeCharSequence(
                sessionId + " 0 1\n" + oneLine(message) + "\n", StandardCharsets.UTF_8);
        return out;
    }

    /**
     * The message on one line (the clients cannot read a reply whose error spans lines), not empty,
     * bounded.
     */
    static String oneLine(String message) {
        String text =
                message == null || message.isBlank()
                        ? "error"
                        : message.replaceAll("[\\r\\n]+", " ").strip();
        return text.length() > MAX_MESSAGE_CHARS
                ? text.substring(0, MAX_MESSAGE_CHARS) + "..."
                : text;
    }
}
