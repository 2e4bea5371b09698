package io.dolphincluster.runtime.dolphindb.data;

import java.util.Arrays;

/**
 * Builds a vector of one type element by element; elements of other types are converted (see {@link
 * Casts}).
 */
public final class VecBuilder {
    private final DType type;
    private long[] longs;
    private double[] doubles;
    private String[] strings;
    private Entity[] anys;
    private int size;

    public VecBuilder(DType type, int capacity) {
        this.type = type;
        int initial = Math.max(capacity, 4);
        switch (type.storage()) {
            case LONG -> longs = new long[initial];
            case DOUBLE -> doubles = new double[initial];
            case STRING -> strings = new String[initial];
            case ANY -> anys = new Entity[initial];
            case NONE -> {}
        }
    }

    public DType type() {
        return type;
    }

    public int size() {
        return size;
    }

    /** Appends element {@code i} of {@code source}, converted to this builder's type. */
    public VecBuilder add(Vec source, int i) {
        if (type == DType.ANY) return addEntity(source.entityAt(i));
        Vec element = source.type() == type ? source : Casts.to(source.at(i), type, "element");
        int at = source.type() == type ? i : 0;
        grow();
        switch (type.storage()) {
            case LONG -> longs[size] = element.longAt(at);
            case DOUBLE -> doubles[size] = element.doubleAt(at);
            case STRING -> strings[size] = element.stringAt(at);
            default -> {}
        }
        size++;
        return this;
    }

    public VecBuilder addEntity(Entity entity) {
        if (type != DType.ANY) {
            if (!(entity instanceof Vec v) || !v.isScalar())
                throw new IllegalArgumentException(
                        "expected a " + type + " scalar, got " + entity.describe());
            return add(v, 0);
        }
        grow();
        anys[size++] = entity;
        return this;
    }

    public VecBuilder addLong(long value) {
        grow();
        longs[size++] = value;
        return this;
    }

    public VecBuilder addDouble(double value) {
        grow();
        doubles[size++] = value;
        return this;
    }

    public VecBuilder addString(String value) {
        grow();
        strings[size++] = value == null ? "" : value;
        return this;
    }

    public Vec build() {
        return switch (type.storage()) {
            case LONG -> Vec.ofLongs(type, Arrays.copyOf(longs, size));
            case DOUBLE -> Vec.ofDoubles(type, Arrays.copyOf(doubles, size));
            case STRING -> Vec.ofStrings(type, Arrays.copyOf(strings, size));
            case ANY -> Vec.ofAny(Arrays.copyOf(anys, size));
            case NONE -> Vec.ofVoid(size);
        };
    }

    private void grow() {
        int capacity =
                switch (type.storage()) {
                    case LONG -> longs.length;
                    case DOUBLE -> doubles.length;
                    case STRING -> strings.length;
                    case ANY -> anys.length;
                    case NONE -> Integer.MAX_VALUE;
                };
        if (size < capacity) return;
        int next = Math.max(8, capacity * 2);
        switch (type.storage()) {
            case LONG -> longs = Arrays.copyOf(longs, next);
            case DOUBLE -> doubles = Arrays.copyOf(doubles, next);
            case STRING -> strings = Arrays.copyOf(strings, next);
            case ANY -> anys = Arrays.copyOf(anys, next);
            default -> {}
        }
    }
}
