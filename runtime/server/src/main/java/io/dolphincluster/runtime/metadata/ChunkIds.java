package io.dolphincluster.runtime.metadata;

import java.nio.charset.StandardCharsets;

/**
 * The id of the chunk of one (database, table, partition key): {@code database~table~key}, where
 * the key keeps its letters, digits, {@code '.'} and {@code '-'} and every other byte of its UTF-8
 * form becomes {@code _HH} (upper-case hex). Database and table names cannot contain {@code '~'},
 * so the id is unambiguous; it is URL-safe (unreserved characters only, never {@code '/'}); and the
 * same partition always gets the same id, so creating a chunk is idempotent. Example: {@code
 * trades~quotes~2024.01.02}, {@code db~t~_5B0_2C100_29} for the key {@code [0,100)}.
 *
 * <p>An id never exceeds {@value #MAX_LENGTH} characters, what a datanode's chunk store accepts as
 * a directory name: a longer one is cut and ends with {@code ~} and 32 hex digits of the SHA-256 of
 * the whole id, so long keys still get distinct, stable ids.
 */
public final class ChunkIds {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    public static final int MAX_LENGTH = 200;
    private static final int HASH_HEX_DIGITS = 32;

    private ChunkIds() {}

    public static String of(String database, String table, String partitionKey) {
        StringBuilder id = new StringBuilder(database).append('~').append(table).append('~');
        for (byte b : partitionKey.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '-') {
                id.append(c);
            } else {
                id.append('_').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return id.length() <= MAX_LENGTH ? id.toString() : shortened(id.toString());
    }

    private static String shortened(String id) {
        byte[] hash;
        try {
            hash =
                    java.security.MessageDigest.getInstance("SHA-256")
                            .digest(id.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        StringBuilder shortId =
                new StringBuilder(id.substring(0, MAX_LENGTH - HASH_HEX_DIGITS - 1)).append('~');
        for (int i = 0; i < HASH_HEX_DIGITS / 2; i++)
            shortId.append(HEX[(hash[i] >> 4) & 0xf]).append(HEX[hash[i] & 0xf]);
        return shortId.toString();
    }
}
