package io.dolphincluster.protocol.wire;

import java.util.Objects;

/**
 * One frame on the wire: {@code [int length][byte version][byte type][long requestId][payload]},
 * where {@code length} counts every byte after itself. A response carries the {@code requestId} of
 * its request.
 */
public record Frame(int type, long requestId, byte[] payload) {
    public static final byte VERSION = 1;

    /** Bytes after the length prefix and before the payload: version, type, requestId. */
    public static final int HEADER_BYTES = 1 + 1 + 8;

    public static final int DEFAULT_MAX_FRAME_BYTES = 64 << 20;

    public Frame {
        Objects.requireNonNull(payload, "payload");
        if (type < 0 || type > 255)
            throw new IllegalArgumentException("type must fit in a byte, got " + type);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame
                && ((Frame) o).type == type
                && ((Frame) o).requestId == requestId
                && java.util.Arrays.equals(((Frame) o).payload, payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, requestId, java.util.Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "Frame[type="
                + type
                + ", requestId="
                + requestId
                + ", payload="
                + payload.length
                + " bytes]";
    }
}
