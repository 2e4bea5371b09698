package io.dolphincluster.runtime.auth;

import java.util.HashMap;
import java.util.Map;

/**
 * The users a datanode accepts, as user → {@link PasswordHash} string, fed from the controllers' metadata. An
 * unknown user costs the same hashing work as a known one, so response time does not reveal which users exist.
 */
public final class UserStore implements Authenticator {
    private static final String DUMMY_HASH = PasswordHash.hash("not a password");

    private volatile Map<String, String> hashes = Map.of();

    /** Replaces every user at once (the metadata's current list). */
    public synchronized void replaceAll(Map<String, String> userToHash) {
        hashes = Map.copyOf(userToHash);
    }

    public synchronized void put(String user, String encodedHash) {
        Map<String, String> next = new HashMap<>(hashes);
        next.put(user, encodedHash);
        hashes = Map.copyOf(next);
    }

    public synchronized void remove(String user) {
        Map<String, String> next = new HashMap<>(hashes);
        next.remove(user);
        hashes = Map.copyOf(next);
    }

    @Override
    public boolean check(String user, String password) {
        String hash = hashes.get(user);
        if (hash == null) {
            PasswordHash.verify(password, DUMMY_HASH);
            return false;
        }
        return PasswordHash.verify(password, hash);
    }
}
