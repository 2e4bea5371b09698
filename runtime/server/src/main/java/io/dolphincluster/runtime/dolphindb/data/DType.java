package io.dolphincluster.runtime.dolphindb.data;

import java.util.Locale;

/**
 * DolphinDB's data types that this server holds values of, with their wire codes. Every type is
 * stored in one of four ways ({@link Storage}): integral and temporal types as {@code long} (null
 * {@link #NULL_LONG}), FLOAT and DOUBLE as {@code double} (null NaN), SYMBOL and STRING as {@link
 * String} (null the empty string), ANY as nested entities. Temporal values are wall-clock numbers
 * without a time zone, in the units DolphinDB uses on the wire.
 */
public enum DType {
    VOID(0, Storage.NONE, 1),
    BOOL(1, Storage.LONG, 1),
    CHAR(2, Storage.LONG, 1),
    SHORT(3, Storage.LONG, 2),
    INT(4, Storage.LONG, 4),
    LONG(5, Storage.LONG, 8),
    DATE(6, Storage.LONG, 4),
    MONTH(7, Storage.LONG, 4),
    TIME(8, Storage.LONG, 4),
    MINUTE(9, Storage.LONG, 4),
    SECOND(10, Storage.LONG, 4),
    DATETIME(11, Storage.LONG, 4),
    TIMESTAMP(12, Storage.LONG, 8),
    NANOTIME(13, Storage.LONG, 8),
    NANOTIMESTAMP(14, Storage.LONG, 8),
    FLOAT(15, Storage.DOUBLE, 4),
    DOUBLE(16, Storage.DOUBLE, 8),
    SYMBOL(17, Storage.STRING, 0),
    STRING(18, Storage.STRING, 0),
    FUNCTIONDEF(20, Storage.NONE, 0),
    HANDLE(21, Storage.NONE, 0),
    ANY(25, Storage.ANY, 0);

    /** How the values of a type are held in memory. */
    public enum Storage {
        NONE,
        LONG,
        DOUBLE,
        STRING,
        ANY
    }

    /** The null of every long-stored type, in memory (the wire sentinel depends on the width). */
    public static final long NULL_LONG = Long.MIN_VALUE;

    private static final DType[] BY_CODE = new DType[26];

    static {
        for (DType type : values()) BY_CODE[type.code] = type;
    }

    private final int code;
    private final Storage storage;
    private final int width;

    DType(int code, Storage storage, int width) {
        this.code = code;
        this.storage = storage;
        this.width = width;
    }

    /** The wire code (the low byte of an object's prefix, without the extended bit). */
    public int code() {
        return code;
    }

    public Storage storage() {
        return storage;
    }

    /** Bytes per value on the wire for fixed-width types; 0 for strings and ANY. */
    public int width() {
        return width;
    }

    /**
     * The type with wire code {@code code}, or null when this server does not hold values of it.
     */
    public static DType ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /**
     * The type named like DolphinDB's type constants ({@code INT}, {@code SYMBOL}...),
     * case-insensitive; null if none.
     */
    public static DType ofName(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public boolean isTemporal() {
        return code >= DATE.code && code <= NANOTIMESTAMP.code;
    }

    /** BOOL, CHAR, SHORT, INT, LONG. */
    public boolean isIntegral() {
        return code >= BOOL.code && code <= LONG.code;
    }

    public boolean isFloating() {
        return this == FLOAT || this == DOUBLE;
    }

    /** Integral or floating: arithmetic gives a number. */
    public boolean isNumeric() {
        return isIntegral() || isFloating();
    }

    public boolean isLiteral() {
        return this == SYMBOL || this == STRING;
    }
}
