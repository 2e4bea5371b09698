package io.dolphincluster.runtime.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes as stored in the metadata: {@code pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>}
 * (PBKDF2WithHmacSHA256, a random 16-byte salt, 120,000 iterations, a 256-bit hash).
 *
 * <p>{@link #matches} reads the iterations from the stored string, so hashes made with another count keep
 * working, and compares in constant time. Hashing takes tens of milliseconds on purpose: never call it on
 * an event loop thread.
 */
public final class PasswordHashing {
    public static final int ITERATIONS = 120_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHashing() {}

    public static String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder();
        return PREFIX + "$" + ITERATIONS + "$" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(pbkdf2(password, salt, ITERATIONS, HASH_BITS));
    }

    /** Whether {@code password} is the one {@code encoded} was made from; false for a malformed {@code encoded}. */
    public static boolean matches(char[] password, String encoded) {
        if (encoded == null) return false;
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(PREFIX)) return false;
        int iterations;
        byte[] salt;
        byte[] expected;
        try {
            iterations = Integer.parseInt(parts[1]);
            salt = Base64.getDecoder().decode(parts[2]);
            expected = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (iterations < 1 || salt.length == 0 || expected.length == 0) return false;
        return MessageDigest.isEqual(pbkdf2(password, salt, iterations, expected.length * 8), expected);
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations, int bits) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JVM", e);
        } finally {
            spec.clearPassword();
        }
    }
}
