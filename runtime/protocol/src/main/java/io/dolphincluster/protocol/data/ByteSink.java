package io.dolphincluster.protocol.data;

import java.util.Arrays;

/**
 * A growable byte array written front to back; big-endian fixed-width numbers and unsigned LEB128
 * varints.
 */
final class ByteSink {
    private byte[] bytes;
    private int size;

    ByteSink(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    int size() {
        return size;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    void writeByte(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    void writeBytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    void writeInt(int v) {
        ensure(4);
        bytes[size] = (byte) (v >>> 24);
        bytes[size + 1] = (byte) (v >>> 16);
        bytes[size + 2] = (byte) (v >>> 8);
        bytes[size + 3] = (byte) v;
        size += 4;
    }

    void writeLong(long v) {
        ensure(8);
        for (int shift = 56, i = size; shift >= 0; shift -= 8, i++) bytes[i] = (byte) (v >>> shift);
        size += 8;
    }

    /** An unsigned varint: 7 bits a byte, low bits first. */
    void writeVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        bytes[size++] = (byte) v;
    }

    /** A signed number as a zig-zag varint, so small negative numbers stay short. */
    void writeZigZag(long v) {
        writeVarLong((v << 1) ^ (v >> 63));
    }

    /**
     * Reserves {@code n} zeroed bytes and returns their offset, to be filled by {@link #setBit}.
     */
    int reserve(int n) {
        ensure(n);
        int at = size;
        Arrays.fill(bytes, at, at + n, (byte) 0);
        size += n;
        return at;
    }

    void setBit(int offset, int index) {
        bytes[offset + (index >>> 3)] |= (byte) (1 << (index & 7));
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }
}
