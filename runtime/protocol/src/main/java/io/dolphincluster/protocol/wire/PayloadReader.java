package io.dolphincluster.protocol.wire;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@link PayloadWriter} wrote, from untrusted bytes: every length and count is checked
 * against the bytes that remain before anything is allocated, so a lying prefix costs nothing; any
 * inconsistency (truncation, a negative length, invalid UTF-8, bytes left over at {@link #end()})
 * is a {@link MalformedFrameException}.
 */
public final class PayloadReader {
    private final ByteBuffer in;

    public PayloadReader(byte[] payload) {
        this.in = ByteBuffer.wrap(payload);
    }

    public int readByte() {
        need(1);
        return in.get();
    }

    public boolean readBoolean() {
        int value = readByte();
        if (value != 0 && value != 1)
            throw new MalformedFrameException("a boolean must be 0 or 1, got " + value);
        return value == 1;
    }

    public int readInt() {
        need(4);
        return in.getInt();
    }

    public long readLong() {
        need(8);
        return in.getLong();
    }

    public double readDouble() {
        need(8);
        return in.getDouble();
    }

    /** A string, or null when it was written as null. */
    public String readString() {
        int length = readInt();
        if (length == -1) return null;
        byte[] utf8 = bytesOfLength(length);
        try {
            CharBuffer chars =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(utf8));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new MalformedFrameException("a string is not valid UTF-8", e);
        }
    }

    /** A string that must not be null. */
    public String readRequiredString(String what) {
        String value = readString();
        if (value == null) throw new MalformedFrameException(what + " is missing");
        return value;
    }

    public byte[] readBytes() {
        return bytesOfLength(readInt());
    }

    public List<String> readStrings() {
        int count = readCount(4);
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) values.add(readRequiredString("a list element"));
        return values;
    }

    /**
     * A list count, checked against the remaining bytes given that each element takes at least
     * {@code minElementBytes}, so that no caller pre-sizes a collection from a lying count.
     */
    public int readCount(int minElementBytes) {
        int count = readInt();
        if (count < 0 || (long) count * Math.max(1, minElementBytes) > in.remaining()) {
            throw new MalformedFrameException(
                    "a count of "
                            + count
                            + " does not fit in the "
                            + in.remaining()
                            + " bytes left");
        }
        return count;
    }

    /** Checks that the whole payload was read. */
    public void end() {
        if (in.hasRemaining())
            throw new MalformedFrameException(
                    in.remaining() + " unexpected bytes after the message");
    }

    private byte[] bytesOfLength(int length) {
        if (length < 0) throw new MalformedFrameException("negative length " + length);
        need(length);
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private void need(int bytes) {
        if (in.remaining() < bytes)
            throw new MalformedFrameException(
                    "payload is truncated: needed "
                            + bytes
                            + " more bytes, "
                            + in.remaining()
                            + " left");
    }
}
