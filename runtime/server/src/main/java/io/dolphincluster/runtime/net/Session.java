package io.dolphincluster.runtime.net;

import io.dolphincluster.runtime.auth.Principal;
import io.dolphincluster.runtime.auth.Role;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One authenticated connection: who logged in (the user name, and the principal with its role), and
 * from where.
 */
public record Session(String user, InetSocketAddress remote, Principal principal) {
    public Session {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(principal, "principal");
    }

    /** A session of a user whose role is not known: a reader. */
    public Session(String user, InetSocketAddress remote) {
        this(user, remote, Principal.user(user, Role.READER));
    }
}
