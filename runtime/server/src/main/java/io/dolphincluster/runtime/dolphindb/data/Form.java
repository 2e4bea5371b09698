package io.dolphincluster.runtime.dolphindb.data;

/** DolphinDB's data forms with their wire codes (the high byte of an object's prefix). */
public enum Form {
    SCALAR,
    VECTOR,
    PAIR,
    MATRIX,
    SET,
    DICTIONARY,
    TABLE;

    /** The wire code. */
    public int code() {
        return ordinal();
    }

    /**
     * The form with wire code {@code code}, or null for forms this server does not take (chart,
     * chunk, tensor...).
     */
    public static Form ofCode(int code) {
        return code >= 0 && code < values().length ? values()[code] : null;
    }
}
