package io.dolphincluster.runtime.dolphindb.codec;

/**
 * Bytes that are not a serialized DolphinDB object this server can read; the stream cannot be
 * resynchronized.
 */
public final class MalformedObjectException extends RuntimeException {
    public MalformedObjectException(String message) {
        super(message);
    }
}
