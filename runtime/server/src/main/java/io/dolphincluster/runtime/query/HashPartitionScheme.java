package io.dolphincluster.runtime.query;

import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.protocol.query.Filter;
import java.time.Instant;
import java.time.LocalDate;

/**
 * {@code HASH(n)}: key {@code h<floorMod(hash, n)>} with a JVM-independent hash; only EQ prunes.
 */
final class HashPartitionScheme implements PartitionScheme {
    private final ColumnType columnType;
    private final int buckets;

    HashPartitionScheme(ColumnType columnType, int buckets) {
        this.columnType = columnType;
        this.buckets = buckets;
    }

    @Override
    public ColumnType columnType() {
        return columnType;
    }

    @Override
    public String keyOf(Object value) {
        return "h" + Math.floorMod(stableHash(value), buckets);
    }

    @Override
    public boolean mayMatch(String key, Filter.Op op, Object value) {
        return op != Filter.Op.EQ || key.equals(keyOf(value));
    }

    /** A hash every JVM computes alike (each case is fixed by the Java specification). */
    static int stableHash(Object value) {
        if (value instanceof String) return value.hashCode();
        if (value instanceof Integer) return (Integer) value;
        if (value instanceof Long) return Long.hashCode((Long) value);
        if (value instanceof LocalDate) return Long.hashCode(((LocalDate) value).toEpochDay());
        if (value instanceof Instant) return Long.hashCode(((Instant) value).toEpochMilli());
        if (value instanceof Double) return Double.hashCode((Double) value);
        if (value instanceof Boolean) return (Boolean) value ? 1 : 0;
        throw new IllegalArgumentException(
                "cannot hash a " + value.getClass().getSimpleName() + " '" + value + "'");
    }

    @Override
    public String toString() {
        return "HASH(" + buckets + ")";
    }
}
