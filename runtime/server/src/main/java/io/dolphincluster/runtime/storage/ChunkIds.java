package io.dolphincluster.runtime.storage;

import java.util.regex.Pattern;

/**
 * Which chunk ids may name a directory: letters, digits, '.', '_', '-' and '~' (the metadata's
 * {@code database~table~key}), 1 to 200 of them, not starting with '.'.
 */
final class ChunkIds {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_~\\-][A-Za-z0-9._~\\-]{0,199}");

    private ChunkIds() {}

    static boolean isSafe(String chunkId) {
        return chunkId != null && SAFE.matcher(chunkId).matches();
    }

    static String requireSafe(String chunkId) {
        if (!isSafe(chunkId)) {
            throw new IllegalArgumentException(
                    "chunk id '"
                            + chunkId
                            + "' cannot name a directory: use 1 to 200 "
                            + "letters, digits, '.', '_', '-' or '~', not starting with '.'");
        }
        return chunkId;
    }
}
