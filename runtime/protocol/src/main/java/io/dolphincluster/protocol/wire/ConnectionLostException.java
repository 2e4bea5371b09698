package io.dolphincluster.protocol.wire;

import java.io.IOException;

/**
 * The connection closed (or could not be opened) before the answer came; the request may or may not
 * have been applied.
 */
public final class ConnectionLostException extends IOException {
    public ConnectionLostException(String message) {
        super(message);
    }

    public ConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
