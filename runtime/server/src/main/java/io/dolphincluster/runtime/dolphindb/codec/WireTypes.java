package io.dolphincluster.runtime.dolphindb.codec;

/**
 * What the codec knows about every wire type code, including those it only skips: the fixed width
 * of a value, and the codes with their own layouts. Codes are the low byte of an object's prefix
 * without the extended bit (128).
 */
final class WireTypes {
    static final int VOID = 0;
    static final int SYMBOL = 17;
    static final int STRING = 18;
    static final int FUNCTIONDEF = 20;
    static final int RESOURCE = 24;
    static final int ANY = 25;
    static final int COMPRESSED = 26;
    static final int BLOB = 32;
    static final int DECIMAL32 = 37;
    static final int DECIMAL128 = 39;
    static final int EXTENDED = 128;

    private static final String[] NAMES = new String[40];

    static {
        String[] names = {
            "VOID",
            "BOOL",
            "CHAR",
            "SHORT",
            "INT",
            "LONG",
            "DATE",
            "MONTH",
            "TIME",
            "MINUTE",
            "SECOND",
            "DATETIME",
            "TIMESTAMP",
            "NANOTIME",
            "NANOTIMESTAMP",
            "FLOAT",
            "DOUBLE",
            "SYMBOL",
            "STRING",
            "UUID",
            "FUNCTIONDEF",
            "HANDLE",
            "CODE",
            "DATASOURCE",
            "RESOURCE",
            "ANY",
            "COMPRESSED",
            "DICTIONARY",
            "DATEHOUR",
            "DATEMINUTE",
            "IPADDR",
            "INT128",
            "BLOB",
            "33",
            "COMPLEX",
            "POINT",
            "DURATION",
            "DECIMAL32",
            "DECIMAL64",
            "DECIMAL128"
        };
        System.arraycopy(names, 0, NAMES, 0, names.length);
    }

    private WireTypes() {}

    /** Bytes per value of a fixed-width type (VOID: 1 for its scalar byte), or 0 for the others. */
    static int width(int code) {
        return switch (code) {
            case 0, 1, 2 -> 1;
            case 3 -> 2;
            case 4, 6, 7, 8, 9, 10, 11, 15, 28, 29 -> 4;
            case 5, 12, 13, 14, 16, 36 -> 8;
            case 19, 30, 31, 34, 35 -> 16;
            default -> 0;
        };
    }

    /** Bytes per unscaled value of a DECIMAL type. */
    static int decimalWidth(int code) {
        return code == DECIMAL32 ? 4 : code == DECIMAL32 + 1 ? 8 : 16;
    }

    static boolean isDecimal(int code) {
        return code >= DECIMAL32 && code <= DECIMAL128;
    }

    /**
     * NUL-terminated text on the wire: STRING, plain SYMBOL, and the system types (function,
     * handle, code...).
     */
    static boolean isText(int code) {
        return code == SYMBOL || code == STRING || (code >= FUNCTIONDEF && code <= RESOURCE);
    }

    static String name(int code) {
        if (code >= 64 && code < 128) return "array vector of " + name(code - 64);
        return code >= 0 && code < NAMES.length && NAMES[code] != null
                ? NAMES[code]
                : "type " + code;
    }
}
