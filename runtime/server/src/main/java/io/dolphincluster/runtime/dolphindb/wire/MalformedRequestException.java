package io.dolphincluster.runtime.dolphindb.wire;

/**
 * Bytes that are not a DolphinDB API request (or one larger than allowed); the connection cannot go
 * on.
 */
public final class MalformedRequestException extends RuntimeException {
    public MalformedRequestException(String message) {
        super(message);
    }
}
