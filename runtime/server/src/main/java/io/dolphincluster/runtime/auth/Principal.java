package io.dolphincluster.runtime.auth;

import java.util.Objects;

/**
 * Who made a request: a member node of the cluster (it proved it holds the cluster credential), or
 * a user with a role (HTTP Basic or a data-port login checked against the users in the metadata).
 */
public record Principal(String name, Kind kind, Role role) {
    public enum Kind {
        NODE,
        USER
    }

    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(role, "role");
    }

    /** A member node: it may do whatever an admin may, and the internal calls no user may. */
    public static Principal node(String name) {
        return new Principal(name, Kind.NODE, Role.ADMIN);
    }

    public static Principal user(String name, Role role) {
        return new Principal(name, Kind.USER, role);
    }

    public boolean isNode() {
        return kind == Kind.NODE;
    }

    /** An admin user or a member node. */
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** {@code node datanode1} or {@code user alice}, for log lines. */
    public String describe() {
        return (isNode() ? "node " : "user ") + name;
    }
}
