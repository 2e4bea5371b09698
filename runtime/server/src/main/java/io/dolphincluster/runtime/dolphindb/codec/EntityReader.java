package io.dolphincluster.runtime.dolphindb.codec;

import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Dict;
import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Form;
import io.dolphincluster.runtime.dolphindb.data.Table;
import io.dolphincluster.runtime.dolphindb.data.Unsupported;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.dolphincluster.runtime.dolphindb.data.VecBuilder;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes serialized DolphinDB objects (little-endian) from a buffer that holds them whole, which
 * {@link ObjectScanner} has established. Types the server does not hold, sets and compressed
 * columns are read past and become {@link Unsupported}. Any inconsistency is a {@link
 * MalformedObjectException}.
 */
public final class EntityReader {
    private final ByteBuf in;
    private Map<Integer, String[]> symbolBases = new HashMap<>();

    private EntityReader(ByteBuf in) {
        this.in = in;
    }

    /** Reads {@code count} objects from {@code in}'s reader index on. */
    public static List<Entity> read(ByteBuf in, int count) {
        EntityReader reader = new EntityReader(in);
        List<Entity> out = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) out.add(reader.object());
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new MalformedObjectException("a malformed object: " + e.getMessage());
        }
        return out;
    }

    private Entity object() {
        int start = in.readerIndex();
        int prefixType = in.readUnsignedByte();
        int formCode = in.readUnsignedByte();
        int code = prefixType & ~WireTypes.EXTENDED;
        switch (formCode) {
            case 0:
                return scalar(code, start);
            case 1:
            case 2:
                Entity vector = vector(prefixType, start);
                return formCode == 2 && vector instanceof Vec v ? v.as(Form.PAIR) : vector;
            case 4:
                object();
                return new Unsupported("a SET");
            case 5:
                return dictionary();
            case 6:
                return table();
            default:
                throw new MalformedObjectException(
                        "objects of form " + formCode + " are not supported");
        }
    }

    private Entity scalar(int code, int start) {
        DType type = DType.ofCode(code);
        if (code == WireTypes.VOID) {
            in.skipBytes(1);
            return Vec.voidScalar();
        }
        if (type == null || type.storage() == DType.Storage.NONE || type == DType.ANY) {
            skipObjectAt(start);
            return new Unsupported("a " + WireTypes.name(code) + " value");
        }
        VecBuilder one = new VecBuilder(type, 1);
        value(type, one);
        return one.build().as(Form.SCALAR);
    }

    private Entity vector(int prefixType, int start) {
        int code = prefixType & ~WireTypes.EXTENDED;
        if (code == WireTypes.COMPRESSED) {
            int bytes = in.readIntLE();
            in.skipBytes(4 + bytes);
            return new Unsupported("a compressed column (connect without compression)");
        }
        int rows = in.readIntLE();
        int cols = in.readIntLE();
        if (rows < 0 || cols != 1)
            throw new MalformedObjectException(
                    "a vector with " + rows + " rows and " + cols + " columns");
        if (prefixType >= WireTypes.EXTENDED) return symbolVector(rows);
        if (code == WireTypes.VOID) return Vec.ofVoid(rows);
        if (code == WireTypes.ANY) {
            Entity[] elements = new Entity[rows];
            for (int i = 0; i < rows; i++) elements[i] = object();
            return Vec.ofAny(elements);
        }
        DType type = DType.ofCode(code);
        if (type == null || type.storage() == DType.Storage.NONE) {
            skipObjectAt(start);
            return new Unsupported("a " + WireTypes.name(code) + " vector");
        }
        VecBuilder out = new VecBuilder(type, rows);
        for (int i = 0; i < rows; i++) value(type, out);
        return out.build();
    }

    /** Moves past the object that starts at {@code start}, whatever it holds. */
    private void skipObjectAt(int start) {
        in.readerIndex(start);
        ObjectScanner scanner = new ObjectScanner(1, Integer.MAX_VALUE);
        if (!scanner.scan(in)) throw new MalformedObjectException("an incomplete object");
        in.readerIndex(start + (int) scanner.end());
    }

    private Vec symbolVector(int rows) {
        int id = in.readIntLE();
        int size = in.readIntLE();
        String[] base = symbolBases.get(id);
        if (base == null) {
            base = new String[size];
            for (int i = 0; i < size; i++) base[i] = string();
            symbolBases.put(id, base);
        } else if (size != 0) {
            throw new MalformedObjectException("symbol base " + id + " sent twice");
        }
        String[] values = new String[rows];
        for (int i = 0; i < rows; i++) {
            int index = in.readIntLE();
            if (index < 0 || index >= base.length)
                throw new MalformedObjectException(
                        "symbol index " + index + " outside a base of " + base.length);
            values[i] = base[index];
        }
        return Vec.ofStrings(DType.SYMBOL, values);
    }

    private void value(DType type, VecBuilder out) {
        switch (type.storage()) {
            case STRING -> out.addString(string());
            case DOUBLE -> {
                double value = type == DType.FLOAT ? in.readFloatLE() : in.readDoubleLE();
                boolean isNull =
                        type == DType.FLOAT
                                ? value == -Float.MAX_VALUE
                                : value == -Double.MAX_VALUE;
                out.addDouble(isNull ? Double.NaN : value);
            }
            case LONG -> out.addLong(integral(type));
            default -> throw new MalformedObjectException("cannot read a " + type + " value");
        }
    }

    private long integral(DType type) {
        switch (type.width()) {
            case 1:
                {
                    byte value = in.readByte();
                    if (value == Byte.MIN_VALUE) return DType.NULL_LONG;
                    return type == DType.BOOL ? (value != 0 ? 1 : 0) : value;
                }
            case 2:
                {
                    short value = in.readShortLE();
                    return value == Short.MIN_VALUE ? DType.NULL_LONG : value;
                }
            case 4:
                {
                    int value = in.readIntLE();
                    return value == Integer.MIN_VALUE ? DType.NULL_LONG : value;
                }
            default:
                return in.readLongLE();
        }
    }

    private String string() {
        int nul = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) 0);
        if (nul < 0) throw new MalformedObjectException("a string without its terminating NUL");
        String text = in.toString(in.readerIndex(), nul - in.readerIndex(), StandardCharsets.UTF_8);
        in.readerIndex(nul + 1);
        return text;
    }

    private Entity dictionary() {
        Entity keys = object();
        Entity values = object();
        if (!(keys instanceof Vec k)
                || k.form() != Form.VECTOR
                || !(values instanceof Vec v)
                || v.form() != Form.VECTOR
                || k.size() != v.size()) {
            return new Unsupported(
                    "a dictionary of " + keys.describe() + " to " + values.describe());
        }
        Dict dict = new Dict(k.type());
        for (int i = 0; i < k.size(); i++) dict.put(k.at(i), v.entityAt(i));
        return dict;
    }

    private Entity table() {
        int rows = in.readIntLE();
        int cols = in.readIntLE();
        string(); // the table's name: not used
        List<String> names = new ArrayList<>();
        for (int i = 0; i < cols; i++) names.add(string());
        Map<Integer, String[]> outer = symbolBases;
        symbolBases = new HashMap<>(); // symbol base ids are shared only inside one table
        try {
            List<Vec> columns = new ArrayList<>();
            Unsupported unsupported = null;
            for (int i = 0; i < cols; i++) {
                Entity column = object();
                if (column instanceof Vec v && v.form() == Form.VECTOR) {
                    columns.add(v);
                } else if (unsupported == null) {
                    unsupported =
                            new Unsupported(
                                    "column '" + names.get(i) + "' as " + column.describe());
                }
            }
            if (unsupported != null) return unsupported;
            if (cols > 0 && columns.stream().anyMatch(c -> c.size() != rows))
                throw new MalformedObjectException("table columns of unequal lengths");
            return new Table(names, columns);
        } finally {
            symbolBases = outer;
        }
    }
}
