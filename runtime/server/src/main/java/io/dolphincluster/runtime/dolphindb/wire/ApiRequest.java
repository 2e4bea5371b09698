package io.dolphincluster.runtime.dolphindb.wire;

import io.dolphincluster.runtime.dolphindb.data.Entity;
import java.util.List;

/**
 * One request of DolphinDB's API protocol.
 *
 * @param sessionId the session the client names ({@code 0} on its first request)
 * @param flags the request flags (bit 4: asynchronous, no reply; bit 16: clear the session
 *     afterwards...)
 * @param clientId the HA client's id (3.x clients), or null
 * @param seqNo the HA client's sequence number for that id, negative when the request is re-sent
 *     after a failover, 0 when absent
 * @param text CONNECT: what follows {@code connect} (a JavaScript client's inline login); SCRIPT:
 *     the script; FUNCTION: the function expression; VARIABLE: the comma-separated variable names
 * @param args FUNCTION: the arguments; VARIABLE: the values; else empty
 */
public record ApiRequest(
        Kind kind,
        String sessionId,
        int flags,
        String clientId,
        long seqNo,
        String text,
        List<Entity> args) {
    public enum Kind {
        CONNECT,
        SCRIPT,
        FUNCTION,
        VARIABLE
    }

    public static final int FLAG_ASYNC = 4;
    public static final int FLAG_CLEAR_SESSION = 16;

    public ApiRequest {
        args = List.copyOf(args);
    }

    /** The client reads no reply. */
    public boolean async() {
        return (flags & FLAG_ASYNC) != 0;
    }

    /** What the request runs, for error messages and logs. */
    public String summary() {
        String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + shown.replace('\n', ' ');
    }
}
