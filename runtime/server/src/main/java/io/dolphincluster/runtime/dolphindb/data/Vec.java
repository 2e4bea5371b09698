package io.dolphincluster.runtime.dolphindb.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A scalar, vector or pair of one {@link DType} (a scalar is held as one element). The element
 * arrays are never changed after construction; callers must not change the arrays they pass in.
 * Nulls are held as described in {@link DType}; a VOID value (DolphinDB's {@code NULL}) is null
 * everywhere.
 */
public final class Vec implements Entity {
    private final DType type;
    private final Form form;
    private final int size;
    private final long[] longs;
    private final double[] doubles;
    private final String[] strings;
    private final Entity[] anys;

    private Vec(
            DType type,
            Form form,
            int size,
            long[] longs,
            double[] doubles,
            String[] strings,
            Entity[] anys) {
        this.type = Objects.requireNonNull(type);
        this.form = form;
        this.size = size;
        this.longs = longs;
        this.doubles = doubles;
        this.strings = strings;
        this.anys = anys;
    }

    public static Vec ofLongs(DType type, long... values) {
        require(type, DType.Storage.LONG);
        return new Vec(type, Form.VECTOR, values.length, values, null, null, null);
    }

    public static Vec ofDoubles(DType type, double... values) {
        require(type, DType.Storage.DOUBLE);
        return new Vec(type, Form.VECTOR, values.length, null, values, null, null);
    }

    public static Vec ofStrings(DType type, String... values) {
        require(type, DType.Storage.STRING);
        for (int i = 0; i < values.length; i++) if (values[i] == null) values[i] = "";
        return new Vec(type, Form.VECTOR, values.length, null, null, values, null);
    }

    public static Vec ofAny(Entity... values) {
        return new Vec(DType.ANY, Form.VECTOR, values.length, null, null, null, values);
    }

    /** {@code size} VOID elements (a vector of NULLs with no type yet). */
    public static Vec ofVoid(int size) {
        return new Vec(DType.VOID, Form.VECTOR, size, null, null, null, null);
    }

    public static Vec scalar(DType type, long value) {
        return ofLongs(type, value).as(Form.SCALAR);
    }

    public static Vec scalar(DType type, double value) {
        return ofDoubles(type, value).as(Form.SCALAR);
    }

    public static Vec scalar(DType type, String value) {
        return ofStrings(type, value).as(Form.SCALAR);
    }

    public static Vec bool(boolean value) {
        return scalar(DType.BOOL, value ? 1 : 0);
    }

    public static Vec ofInt(int value) {
        return scalar(DType.INT, value);
    }

    public static Vec ofLong(long value) {
        return scalar(DType.LONG, value);
    }

    public static Vec ofDouble(double value) {
        return scalar(DType.DOUBLE, value);
    }

    public static Vec ofString(String value) {
        return scalar(DType.STRING, value);
    }

    /** DolphinDB's untyped {@code NULL}. */
    public static Vec voidScalar() {
        return ofVoid(1).as(Form.SCALAR);
    }

    /**
     * The same elements as another form: SCALAR (exactly one element), VECTOR or PAIR (exactly
     * two).
     */
    public Vec as(Form newForm) {
        if (newForm == Form.SCALAR && size != 1)
            throw new IllegalArgumentException("a scalar has one element, not " + size);
        if (newForm == Form.PAIR && size != 2)
            throw new IllegalArgumentException("a pair has two elements, not " + size);
        return newForm == form ? this : new Vec(type, newForm, size, longs, doubles, strings, anys);
    }

    @Override
    public DType type() {
        return type;
    }

    @Override
    public Form form() {
        return form;
    }

    public boolean isScalar() {
        return form == Form.SCALAR;
    }

    public int size() {
        return size;
    }

    public boolean isNull(int i) {
        return switch (type.storage()) {
            case LONG -> longs[i] == DType.NULL_LONG;
            case DOUBLE -> Double.isNaN(doubles[i]);
            case STRING -> strings[i].isEmpty();
            case ANY -> anys[i] instanceof Vec v && v.isScalar() && v.isNull(0);
            case NONE -> true;
        };
    }

    /** The element as a long; a double is truncated; null is {@link DType#NULL_LONG}. */
    public long longAt(int i) {
        return switch (type.storage()) {
            case LONG -> longs[i];
            case DOUBLE -> Double.isNaN(doubles[i]) ? DType.NULL_LONG : (long) doubles[i];
            default -> {
                if (isNull(i)) yield DType.NULL_LONG;
                throw new IllegalArgumentException("expected a number, got " + describe());
            }
        };
    }

    /** The element as a double; null is NaN. */
    public double doubleAt(int i) {
        return switch (type.storage()) {
            case LONG -> longs[i] == DType.NULL_LONG ? Double.NaN : longs[i];
            case DOUBLE -> doubles[i];
            default -> {
                if (isNull(i)) yield Double.NaN;
                throw new IllegalArgumentException("expected a number, got " + describe());
            }
        };
    }

    /** The element of a SYMBOL or STRING value ("" when null). */
    public String stringAt(int i) {
        if (type.storage() == DType.Storage.STRING) return strings[i];
        if (isNull(i)) return "";
        throw new IllegalArgumentException("expected a STRING, got " + describe());
    }

    /** The element of an ANY vector, or the element as a scalar for other types. */
    public Entity entityAt(int i) {
        return type == DType.ANY ? anys[i] : at(i);
    }

    /** The element {@code i} as a scalar. */
    public Vec at(int i) {
        if (i < 0 || i >= size)
            throw new IndexOutOfBoundsException(
                    "index " + i + " of a " + size + "-element " + describe());
        if (isScalar()) return this;
        return switch (type.storage()) {
            case LONG -> scalar(type, longs[i]);
            case DOUBLE -> scalar(type, doubles[i]);
            case STRING -> scalar(type, strings[i]);
            case NONE -> voidScalar();
            case ANY ->
                    anys[i] instanceof Vec v && v.isScalar() ? v : ofAny(anys[i]).as(Form.SCALAR);
        };
    }

    /** The elements {@code from} (inclusive) to {@code to} (exclusive) as a vector. */
    public Vec slice(int from, int to) {
        return switch (type.storage()) {
            case LONG -> ofLongs(type, Arrays.copyOfRange(longs, from, to));
            case DOUBLE -> ofDoubles(type, Arrays.copyOfRange(doubles, from, to));
            case STRING -> ofStrings(type, Arrays.copyOfRange(strings, from, to));
            case ANY -> ofAny(Arrays.copyOfRange(anys, from, to));
            case NONE -> ofVoid(to - from);
        };
    }

    /** The elements at {@code indexes}, in that order, as a vector. */
    public Vec pick(int[] indexes) {
        return switch (type.storage()) {
            case LONG -> {
                long[] out = new long[indexes.length];
                for (int i = 0; i < out.length; i++) out[i] = longs[indexes[i]];
                yield ofLongs(type, out);
            }
            case DOUBLE -> {
                double[] out = new double[indexes.length];
                for (int i = 0; i < out.length; i++) out[i] = doubles[indexes[i]];
                yield ofDoubles(type, out);
            }
            case STRING -> {
                String[] out = new String[indexes.length];
                for (int i = 0; i < out.length; i++) out[i] = strings[indexes[i]];
                yield ofStrings(type, out);
            }
            case ANY -> {
                Entity[] out = new Entity[indexes.length];
                for (int i = 0; i < out.length; i++) out[i] = anys[indexes[i]];
                yield ofAny(out);
            }
            case NONE -> ofVoid(indexes.length);
        };
    }

    /**
     * The element as a plain Java value for map keys and comparisons: Long, Double, String, or null
     * when null.
     */
    public Object keyAt(int i) {
        if (isNull(i)) return null;
        return switch (type.storage()) {
            case LONG -> longs[i];
            case DOUBLE -> doubles[i];
            case STRING -> strings[i];
            default -> anys[i];
        };
    }

    @Override
    public String describe() {
        return switch (form) {
            case SCALAR -> type.name();
            case PAIR -> type.name() + " PAIR";
            default -> type == DType.ANY ? "ANY VECTOR" : type.name() + " VECTOR";
        };
    }

    @Override
    public String toString() {
        return Formats.text(this);
    }

    private static void require(DType type, DType.Storage storage) {
        if (type.storage() != storage)
            throw new IllegalArgumentException(type + " values are not stored as " + storage);
    }
}
