package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import java.util.Locale;
import java.util.Map;

/**
 * DolphinDB's named constants: the data types ({@code INT} is the INT 4, its type id) and the
 * partition types ({@code SEQ} 0, {@code VALUE} 1, {@code RANGE} 2, {@code LIST} 3, {@code COMPO}
 * 4, {@code HASH} 5) and the object kinds of {@code undef} ({@code VAR}, {@code SHARED}, {@code
 * DEF}).
 */
public final class Constants {
    public static final int SEQ = 0;
    public static final int VALUE = 1;
    public static final int RANGE = 2;
    public static final int LIST = 3;
    public static final int COMPO = 4;
    public static final int HASH = 5;

    /** Object kinds of {@code undef(name, kind)}. */
    public static final int VAR = 0;

    public static final int SHARED = 1;
    public static final int DEF = 2;

    private static final Map<String, Integer> NAMED =
            Map.of(
                    "SEQ", SEQ, "VALUE", VALUE, "RANGE", RANGE, "LIST", LIST, "COMPO", COMPO,
                    "HASH", HASH, "VAR", VAR, "SHARED", SHARED, "DEF", DEF);

    private Constants() {}

    /** The constant named {@code name} (upper case), or null. */
    public static Vec find(String name) {
        if (!name.equals(name.toUpperCase(Locale.ROOT))) return null;
        Integer partition = NAMED.get(name);
        if (partition != null) return Vec.ofInt(partition);
        DType type = DType.ofName(name);
        return type == null || type == DType.FUNCTIONDEF || type == DType.HANDLE
                ? null
                : Vec.ofInt(type.code());
    }
}
