package io.dolphincluster.runtime.metadata;

import java.nio.charset.StandardCharsets;

/**
 * The id of the chunk of one (database, table, partition key): {@code database~table~key}, where the key
 * keeps its letters, digits, {@code '.'} and {@code '-'} and every other byte of its UTF-8 form becomes
 * {@code _HH} (upper-case hex). Database and table names cannot contain {@code '~'}, so the id is unambiguous;
 * it is URL-safe (unreserved characters only, never {@code '/'}); and the same partition always gets the same
 * id, so creating a chunk is idempotent. Example: {@code trades~quotes~2024.01.02}, {@code db~t~_5B0_2C100_29}
 * for the key {@code [0,100)}.
 */
public final class ChunkIds {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ChunkIds() {}

    public static String of(String database, String table, String partitionKey) {
        StringBuilder id = new StringBuilder(database).append('~').append(table).append('~');
        for (byte b : partitionKey.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-') {
                id.append(c);
            } else {
                id.append('_').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return id.toString();
    }
}
