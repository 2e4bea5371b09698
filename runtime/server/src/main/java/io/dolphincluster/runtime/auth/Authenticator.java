package io.dolphincluster.runtime.auth;

import java.util.Optional;

/**
 * Checks a login. Implementations are thread-safe and may be slow (password hashing): callers must
 * not call them on an I/O thread.
 */
@FunctionalInterface
public interface Authenticator {
    /** Whether {@code password} is the password of {@code user}; false for an unknown user. */
    boolean check(String user, String password);

    /**
     * Who logs in with {@code user} and {@code password}, or empty when refused. By default a user
     * whose {@link #check} passes, as a {@link Role#READER}: implementations that know roles or
     * member nodes say more.
     */
    default Optional<Principal> login(String user, String password) {
        return check(user, password)
                ? Optional.of(Principal.user(user, Role.READER))
                : Optional.empty();
    }
}
