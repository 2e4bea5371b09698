package io.dolphincluster.runtime.dolphindb.wire;

import io.dolphincluster.runtime.auth.Principal;
import java.net.SocketAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client connection's DolphinDB session: its id (announced on connect), who logged in on it,
 * where it comes from, and the interpreter state a script left behind ({@link #state}, owned by
 * whoever runs the requests). Requests of one session run one at a time.
 */
public final class ApiSession {
    private final String id =
            Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
    private final SocketAddress remote;
    private volatile Principal principal;
    private Object state;

    public ApiSession(SocketAddress remote) {
        this.remote = remote;
    }

    public String id() {
        return id;
    }

    public SocketAddress remote() {
        return remote;
    }

    /** The logged-in user's name, or null. */
    public String user() {
        Principal current = principal;
        return current == null ? null : current.name();
    }

    public boolean loggedIn() {
        return principal != null;
    }

    /**
     * Whether the logged-in user may change databases, tables and their data (an admin; a reader
     * only reads).
     */
    public boolean mayWrite() {
        Principal current = principal;
        return current != null && current.isAdmin();
    }

    public void login(Principal principal) {
        this.principal = principal;
    }

    public void logout() {
        this.principal = null;
    }

    /** What the request runner keeps between requests (variables, functions); null at first. */
    public Object state() {
        return state;
    }

    public void state(Object newState) {
        this.state = newState;
    }
}
