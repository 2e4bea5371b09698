package io.dolphincluster.runtime.dolphindb.codec;

import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Dict;
import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Form;
import io.dolphincluster.runtime.dolphindb.data.Nothing;
import io.dolphincluster.runtime.dolphindb.data.Table;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.dolphincluster.runtime.dolphindb.data.VecBuilder;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serializes objects as a DolphinDB server does (little-endian): nulls as the type's sentinel,
 * SYMBOL vectors with a symbol base (ids numbered per table), a table's type byte 0, a dictionary's
 * values as a typed vector when they are scalars of one type. Functions and handles are written as
 * system objects (their text only).
 */
public final class EntityWriter {
    private final ByteBuf out;
    private int nextSymbolBase;

    private EntityWriter(ByteBuf out) {
        this.out = out;
    }

    public static void write(Entity entity, ByteBuf out) {
        new EntityWriter(out).object(entity);
    }

    private void object(Entity entity) {
        if (entity instanceof Vec vec) {
            vec(vec);
        } else if (entity instanceof Table table) {
            table(table);
        } else if (entity instanceof Dict dict) {
            dictionary(dict);
        } else if (entity == Nothing.INSTANCE) {
            vec(Vec.voidScalar());
        } else if (entity.type() == DType.FUNCTIONDEF) {
            prefix(DType.FUNCTIONDEF.code(), Form.SCALAR);
            out.writeByte(0);
            string(entity.describe());
        } else {
            prefix(DType.HANDLE.code(), Form.SCALAR);
            string(entity.describe());
        }
    }

    private void vec(Vec vec) {
        DType type = vec.type();
        if (vec.isScalar()) {
            prefix(type.code(), Form.SCALAR);
            if (type == DType.VOID) out.writeByte(0);
            else if (type == DType.ANY) object(vec.entityAt(0));
            else value(vec, 0);
            return;
        }
        boolean symbols = type == DType.SYMBOL;
        prefix(symbols ? type.code() | WireTypes.EXTENDED : type.code(), vec.form());
        out.writeIntLE(vec.size());
        out.writeIntLE(1);
        if (symbols) {
            symbolVector(vec);
        } else if (type == DType.ANY) {
            for (int i = 0; i < vec.size(); i++) object(vec.entityAt(i));
        } else if (type != DType.VOID) {
            for (int i = 0; i < vec.size(); i++) value(vec, i);
        }
    }

    private void symbolVector(Vec vec) {
        Map<String, Integer> base = new LinkedHashMap<>();
        base.put("", 0);
        int[] indexes = new int[vec.size()];
        for (int i = 0; i < indexes.length; i++)
            indexes[i] = base.computeIfAbsent(vec.stringAt(i), s -> base.size());
        out.writeIntLE(nextSymbolBase++);
        out.writeIntLE(base.size());
        for (String symbol : base.keySet()) string(symbol);
        for (int index : indexes) out.writeIntLE(index);
    }

    private void value(Vec vec, int i) {
        DType type = vec.type();
        switch (type.storage()) {
            case STRING -> string(vec.stringAt(i));
            case DOUBLE -> {
                double value = vec.doubleAt(i);
                if (type == DType.FLOAT)
                    out.writeFloatLE(Double.isNaN(value) ? -Float.MAX_VALUE : (float) value);
                else out.writeDoubleLE(Double.isNaN(value) ? -Double.MAX_VALUE : value);
            }
            case LONG -> {
                long value = vec.longAt(i);
                boolean isNull = value == DType.NULL_LONG;
                switch (type.width()) {
                    case 1 -> out.writeByte(isNull ? Byte.MIN_VALUE : (int) value);
                    case 2 -> out.writeShortLE(isNull ? Short.MIN_VALUE : (int) value);
                    case 4 -> out.writeIntLE(isNull ? Integer.MIN_VALUE : (int) value);
                    default -> out.writeLongLE(value);
                }
            }
            default -> throw new IllegalArgumentException("cannot serialize a " + type + " value");
        }
    }

    private void table(Table table) {
        prefix(0, Form.TABLE);
        out.writeIntLE(table.rows());
        out.writeIntLE(table.columnCount());
        string("");
        for (String name : table.names()) string(name);
        int outerBases = nextSymbolBase;
        nextSymbolBase = 0;
        for (Vec column : table.columns())
            vec(column.type() == DType.VOID ? typedNulls(column) : column);
        nextSymbolBase = outerBases;
    }

    /**
     * A column of untyped NULLs goes out as a DOUBLE column of nulls: clients cannot type a VOID
     * column.
     */
    private static Vec typedNulls(Vec column) {
        VecBuilder nulls = new VecBuilder(DType.DOUBLE, column.size());
        for (int i = 0; i < column.size(); i++) nulls.addDouble(Double.NaN);
        return nulls.build();
    }

    private void dictionary(Dict dict) {
        DType valueType = dict.type();
        prefix(valueType.code(), Form.DICTIONARY);
        VecBuilder keys = new VecBuilder(dict.keyType(), dict.size());
        VecBuilder values = new VecBuilder(valueType, dict.size());
        dict.entries()
                .forEach(
                        (key, value) -> {
                            keys.add(key, 0);
                            values.addEntity(value);
                        });
        vec(keys.build());
        vec(values.build());
    }

    private void prefix(int type, Form form) {
        out.writeByte(type);
        out.writeByte(form.code());
    }

    private void string(String text) {
        int nul = text.indexOf('\0');
        out.writeCharSequence(nul < 0 ? text : text.substring(0, nul), StandardCharsets.UTF_8);
        out.writeByte(0);
    }
}
