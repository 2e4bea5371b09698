package io.dolphincluster.protocol.wire;

/** The error codes the protocol itself uses; the data plane may add its own. */
public final class ErrorCode {
    /** Wrong user or password; the connection is closed. */
    public static final String AUTH = "AUTH";

    /** A request sent before a successful login; the connection is closed. */
    public static final String LOGIN_REQUIRED = "LOGIN_REQUIRED";

    /**
     * Bytes that are not a valid frame or message, or a frame above the size limit; the connection
     * is closed.
     */
    public static final String PROTOCOL = "PROTOCOL";

    /** A well-formed request the server refuses (unknown table, bad rows...). */
    public static final String BAD_REQUEST = "BAD_REQUEST";

    /**
     * The server cannot serve the request now (shutting down, no in-sync replica...); usually
     * retryable.
     */
    public static final String UNAVAILABLE = "UNAVAILABLE";

    /** An unexpected failure on the server. */
    public static final String INTERNAL = "INTERNAL";

    private ErrorCode() {}
}
