package io.dolphincluster.runtime.controller.api;

import io.dolphincluster.runtime.http.ApiException;
import java.util.List;

/**
 * The largest value each field of a metadata change may hold, checked by the API before the change
 * reaches Raft: every controller keeps the metadata in memory, in its Raft log and in its
 * snapshots, so one request must not make them grow without bound. Too large is a {@code 400} that
 * names the field and its limit. Names (databases, tables, columns, users, node aliases) are
 * already at most 63 characters by their pattern.
 */
final class FieldLimits {
    static final int NAME = 63;
    static final int CONFIG_KEY = 127;
    static final int CONFIG_VALUE = 4096;
    static final int PARTITION_SCHEME = 65_536;
    static final int COLUMNS = 4096;
    static final int COLUMN_TYPE = 64;
    static final int SITE = 300;
    static final int MACHINE = 255;
    static final int ZONE = 255;
    static final int STORE_ID = 128;
    static final int PASSWORD = 1024;
    static final int MEMBERS = 64;

    private FieldLimits() {}

    /**
     * {@code value} (null passes: whether it is required is the caller's rule), or a 400 when
     * longer than {@code max}.
     */
    static String bounded(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw ApiException.badRequest(
                    field
                            + " is "
                            + value.length()
                            + " characters long; at most "
                            + max
                            + " are allowed");
        }
        return value;
    }

    /** {@code items} (null passes), or a 400 when it has more than {@code max}. */
    static <T> List<T> boundedItems(String field, List<T> items, int max) {
        if (items != null && items.size() > max) {
            throw ApiException.badRequest(
                    field + " has " + items.size() + " items; at most " + max + " are allowed");
        }
        return items;
    }
}
