package io.dolphincluster.runtime.dolphindb.wire;

import java.net.SocketAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client connection's DolphinDB session: its id (announced on connect), who logged in on it, where it comes
 * from, and the interpreter state a script left behind ({@link #state}, owned by whoever runs the requests).
 * Requests of one session run one at a time.
 */
public final class ApiSession {
    private final String id = Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
    private final SocketAddress remote;
    private volatile String user;
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

    /** The logged-in user, or null. */
    public String user() {
        return user;
    }

    public boolean loggedIn() {
        return user != null;
    }

    public void login(String user) {
        this.user = user;
    }

    public void logout() {
        this.user = null;
    }

    /** What the request runner keeps between requests (variables, functions); null at first. */
    public Object state() {
        return state;
    }

    public void state(Object newState) {
        this.state = newState;
    }
}
