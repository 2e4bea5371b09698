package io.dolphincluster.runtime.net;

import java.net.InetSocketAddress;
import java.util.Objects;

/** One authenticated connection: who logged in, and from where. */
public record Session(String user, InetSocketAddress remote) {
    public Session {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(remote, "remote");
    }
}
