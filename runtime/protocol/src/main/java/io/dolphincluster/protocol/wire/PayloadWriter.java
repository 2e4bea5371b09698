package io.dolphincluster.protocol.wire;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a message payload: big-endian numbers, strings as {@code [int byteLength][UTF-8]} ({@code
 * -1} for null), byte arrays as {@code [int length][bytes]}, lists as {@code [int
 * count][elements]}. {@link PayloadReader} reads it back.
 */
public final class PayloadWriter {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    private final DataOutputStream out = new DataOutputStream(bytes);

    public PayloadWriter writeByte(int value) {
        return run(() -> out.writeByte(value));
    }

    public PayloadWriter writeBoolean(boolean value) {
        return run(() -> out.writeBoolean(value));
    }

    public PayloadWriter writeInt(int value) {
        return run(() -> out.writeInt(value));
    }

    public PayloadWriter writeLong(long value) {
        return run(() -> out.writeLong(value));
    }

    public PayloadWriter writeDouble(double value) {
        return run(() -> out.writeDouble(value));
    }

    public PayloadWriter writeString(String value) {
        if (value == null) return writeInt(-1);
        return writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    public PayloadWriter writeBytes(byte[] value) {
        return run(
                () -> {
                    out.writeInt(value.length);
                    out.write(value);
                });
    }

    public PayloadWriter writeStrings(List<String> values) {
        writeInt(values.size());
        for (String value : values) writeString(value);
        return this;
    }

    public byte[] toByteArray() {
        return bytes.toByteArray();
    }

    private interface Write {
        void run() throws IOException;
    }

    private PayloadWriter run(Write write) {
        try {
            write.run();
        } catch (IOException e) { // a ByteArrayOutputStream does not throw
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
