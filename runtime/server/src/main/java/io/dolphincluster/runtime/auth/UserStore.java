package io.dolphincluster.runtime.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The users a process accepts, each with a {@link PasswordHash} and a {@link Role}: on a datanode
 * fed from the controllers' metadata ({@link #replaceUsers}), on a controller read from its own
 * metadata ({@link #backedBy}).
 *
 * <p>An unknown user costs the same hashing work as a known one, so response time does not reveal
 * which users exist. A password once verified against a user's current hash is remembered (as an
 * HMAC under a key that never leaves this process, at most {@value #MAX_REMEMBERED} of them), so a
 * page that polls with HTTP Basic costs one PBKDF2 per login, not one per request; a new hash for
 * the user (a password change) forgets it.
 */
public final class UserStore implements Authenticator {
    /** A stored user. */
    public record StoredUser(String name, String passwordHash, Role role) {}

    static final int MAX_REMEMBERED = 1024;
    private static final String DUMMY_HASH = PasswordHash.hash("not a password");

    private final Function<String, Optional<StoredUser>> lookup;
    private final boolean ownMap;
    private volatile Map<String, StoredUser> users = Map.of();
    private final SecretKeySpec rememberKey;
    private final Map<String, String> verified = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * A store fed with {@link #replaceUsers}, {@link #replaceAll}, {@link #put} and {@link
     * #remove}.
     */
    public UserStore() {
        this.lookup = name -> Optional.ofNullable(users.get(name));
        this.ownMap = true;
        this.rememberKey = randomKey();
    }

    private UserStore(Function<String, Optional<StoredUser>> lookup) {
        this.lookup = lookup;
        this.ownMap = false;
        this.rememberKey = randomKey();
    }

    /**
     * A store that reads each user from {@code lookup} (a controller's metadata); its mutators are
     * not supported.
     */
    public static UserStore backedBy(Function<String, Optional<StoredUser>> lookup) {
        return new UserStore(lookup);
    }

    /** Replaces every user at once (the metadata's current list). */
    public synchronized void replaceUsers(Collection<StoredUser> all) {
        requireOwnMap();
        Map<String, StoredUser> next = new HashMap<>();
        for (StoredUser user : all) next.put(user.name(), user);
        users = Map.copyOf(next);
    }

    /** Replaces every user at once with users of role {@link Role#READER}. */
    public synchronized void replaceAll(Map<String, String> userToHash) {
        requireOwnMap();
        Map<String, StoredUser> next = new HashMap<>();
        userToHash.forEach((name, hash) -> next.put(name, new StoredUser(name, hash, Role.READER)));
        users = Map.copyOf(next);
    }

    /** Adds or replaces one user of role {@link Role#READER}. */
    public void put(String user, String encodedHash) {
        put(user, encodedHash, Role.READER);
    }

    public synchronized void put(String user, String encodedHash, Role role) {
        requireOwnMap();
        Map<String, StoredUser> next = new HashMap<>(users);
        next.put(user, new StoredUser(user, encodedHash, role));
        users = Map.copyOf(next);
    }

    public synchronized void remove(String user) {
        requireOwnMap();
        Map<String, StoredUser> next = new HashMap<>(users);
        next.remove(user);
        users = Map.copyOf(next);
    }

    @Override
    public boolean check(String user, String password) {
        return authenticate(user, password).isPresent();
    }

    /**
     * The user's role when {@code password} is theirs; empty for a wrong password or an unknown
     * user. Slow: PBKDF2.
     */
    public Optional<Role> authenticate(String user, String password) {
        if (user == null || password == null) return Optional.empty();
        Optional<StoredUser> stored = lookup.apply(user);
        if (stored.isEmpty()) {
            PasswordHash.verify(password, DUMMY_HASH);
            return Optional.empty();
        }
        String hash = stored.get().passwordHash();
        String key = rememberKeyOf(user, password);
        synchronized (verified) {
            if (hash.equals(verified.get(key))) return Optional.of(stored.get().role());
        }
        if (!PasswordHash.verify(password, hash)) return Optional.empty();
        synchronized (verified) {
            verified.put(key, hash);
            if (verified.size() > MAX_REMEMBERED)
                verified.remove(verified.keySet().iterator().next());
        }
        return Optional.of(stored.get().role());
    }

    @Override
    public Optional<Principal> login(String user, String password) {
        return authenticate(user, password).map(role -> Principal.user(user, role));
    }

    private String rememberKeyOf(String user, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(rememberKey);
            byte[] digest = mac.doFinal((user + '\0' + password).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static SecretKeySpec randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SecretKeySpec(key, "HmacSHA256");
    }

    private void requireOwnMap() {
        if (!ownMap)
            throw new UnsupportedOperationException("this store reads its users from the metadata");
    }
}
