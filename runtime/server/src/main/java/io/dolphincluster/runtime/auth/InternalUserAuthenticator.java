package io.dolphincluster.runtime.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Accepts the built-in user {@value #INTERNAL_USER} (datanode to datanode) with the cluster secret, compared in
 * constant time, and hands every other user to {@code users}. The internal user is never looked up in {@code users},
 * so no stored user can take its name.
 */
public final class InternalUserAuthenticator implements Authenticator {
    public static final String INTERNAL_USER = "__internal";

    private final byte[] secret;
    private final Authenticator users;

    public InternalUserAuthenticator(String clusterSecret, Authenticator users) {
        if (clusterSecret == null || clusterSecret.isEmpty()) throw new IllegalArgumentException("the cluster secret must not be empty");
        this.secret = clusterSecret.getBytes(StandardCharsets.UTF_8);
        this.users = Objects.requireNonNull(users, "users");
    }

    @Override
    public boolean check(String user, String password) {
        if (INTERNAL_USER.equals(user)) {
            return MessageDigest.isEqual(secret, password.getBytes(StandardCharsets.UTF_8));
        }
        return users.check(user, password);
    }
}
