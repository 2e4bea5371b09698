package io.dolphincluster.runtime.dolphindb.builtins;

import io.dolphincluster.runtime.dolphindb.data.Casts;
import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Dict;
import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Form;
import io.dolphincluster.runtime.dolphindb.data.Table;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.dolphincluster.runtime.dolphindb.script.FunctionRegistry;
import io.dolphincluster.runtime.dolphindb.script.RemoteTable;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Conversions named after the types ({@code int(x)}, {@code date(x)}, {@code symbol(x)}...), {@code
 * typestr}, {@code type}, {@code now}, {@code today}.
 */
final class TypeFunctions {
    private static final DType[] CASTS = {
        DType.BOOL,
        DType.CHAR,
        DType.SHORT,
        DType.INT,
        DType.LONG,
        DType.DATE,
        DType.MONTH,
        DType.TIME,
        DType.MINUTE,
        DType.SECOND,
        DType.DATETIME,
        DType.TIMESTAMP,
        DType.NANOTIME,
        DType.NANOTIMESTAMP,
        DType.FLOAT,
        DType.DOUBLE,
        DType.SYMBOL,
        DType.STRING
    };

    private TypeFunctions() {}

    static void register(FunctionRegistry registry) {
        for (DType type : CASTS) {
            String name = type.name().toLowerCase(Locale.ROOT);
            registry.add(name, 1, 1, (in, args) -> Casts.to(Args.vec(name, args, 0), type, name));
        }
        registry.add("typestr", 1, 1, (in, args) -> Vec.ofString(typeString(args.get(0))));
        registry.add("type", 1, 1, (in, args) -> Vec.ofInt(args.get(0).type().code()));
        registry.add(
                "now",
                0,
                0,
                (in, args) ->
                        Vec.scalar(
                                DType.TIMESTAMP,
                                LocalDateTime.now().toInstant(ZoneOffset.UTC).toEpochMilli()));
        registry.add(
                "today",
                0,
                0,
                (in, args) ->
                        Vec.scalar(DType.DATE, LocalDateTime.now().toLocalDate().toEpochDay()));
    }

    static String typeString(Entity value) {
        if (value instanceof RemoteTable) return "SEGMENTED DFS TABLE";
        if (value instanceof Table) return "IN-MEMORY TABLE";
        if (value instanceof Dict dict) return dict.keyType() + "->" + dict.type() + " DICTIONARY";
        if (value instanceof Vec vec) {
            if (vec.form() == Form.SCALAR) return vec.type().name();
            if (vec.form() == Form.PAIR) return vec.type() + " PAIR";
            return vec.type() == DType.ANY ? "ANY VECTOR" : "FAST " + vec.type() + " VECTOR";
        }
        return value.describe();
    }
}
