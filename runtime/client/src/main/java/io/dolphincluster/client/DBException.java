package io.dolphincluster.client;

/**
 * A request the cluster did not carry out: refused by the server (with its error code),
 * unreachable, or failover gave up. {@link #code()} is the server's error code ({@code AUTH},
 * {@code BAD_REQUEST}, ...) or {@code UNAVAILABLE} when no datanode could be reached.
 */
public class DBException extends RuntimeException {
    private final String code;

    public DBException(String code, String message) {
        super(message);
        this.code = code;
    }

    public DBException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
