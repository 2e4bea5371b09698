package io.dolphincluster.runtime.auth;

/**
 * Checks a login. Implementations are thread-safe and may be slow (password hashing): callers must not call them on
 * an I/O thread.
 */
@FunctionalInterface
public interface Authenticator {
    /** Whether {@code password} is the password of {@code user}; false for an unknown user. */
    boolean check(String user, String password);
}
