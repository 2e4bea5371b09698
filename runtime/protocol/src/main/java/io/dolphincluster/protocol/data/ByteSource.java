package io.dolphincluster.protocol.data;

import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link ByteSink} wrote from untrusted bytes. Every read checks the bounds first and
 * reports a shortfall as an {@link IllegalArgumentException} naming what was being read, never
 * anything else.
 */
final class ByteSource {
    private final byte[] bytes;
    private int pos;

    ByteSource(byte[] bytes) {
        this.bytes = bytes;
    }

    int remaining() {
        return bytes.length - pos;
    }

    int position() {
        return pos;
    }

    private void need(int n, String what) {
        if (n < 0 || n > bytes.length - pos) {
            throw new IllegalArgumentException(
                    "truncated row batch: "
                            + what
                            + " needs "
                            + n
                            + " bytes at offset "
                            + pos
                            + ", only "
                            + (bytes.length - pos)
                            + " left");
        }
    }

    int readByte(String what) {
        need(1, what);
        return bytes[pos++] & 0xFF;
    }

    int readInt(String what) {
        need(4, what);
        int v =
                ((bytes[pos] & 0xFF) << 24)
                        | ((bytes[pos + 1] & 0xFF) << 16)
                        | ((bytes[pos + 2] & 0xFF) << 8)
                        | (bytes[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    long readLong(String what) {
        need(8, what);
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (bytes[pos + i] & 0xFF);
        pos += 8;
        return v;
    }

    long readVarLong(String what) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte(what);
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return v;
        }
        throw new IllegalArgumentException(
                "corrupt row batch: "
                        + what
                        + " is a varint longer than 10 bytes at offset "
                        + pos);
    }

    long readZigZag(String what) {
        long v = readVarLong(what);
        return (v >>> 1) ^ -(v & 1);
    }

    /** A count that must not exceed {@code max} (what the remaining bytes could possibly hold). */
    int readCount(String what, long max) {
        long v = readVarLong(what);
        if (v < 0 || v > max || v > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "corrupt row batch: "
                            + what
                            + " is "
                            + Long.toUnsignedString(v)
                            + " at offset "
                            + pos
                            + ", at most "
                            + Math.min(max, Integer.MAX_VALUE - 8)
                            + " possible");
        }
        return (int) v;
    }

    /**
     * {@code n} bits starting at the current position, as a view: returns the offset and skips the
     * bytes.
     */
    int skipBits(int n, String what) {
        int length = (n + 7) >>> 3;
        need(length, what);
        int at = pos;
        pos += length;
        return at;
    }

    boolean bit(int offset, int index) {
        return (bytes[offset + (index >>> 3)] & (1 << (index & 7))) != 0;
    }

    String readUtf8(String what) {
        int length = readCount(what + " length", remaining());
        String s = new String(bytes, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }
}
