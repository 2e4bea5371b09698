package io.dolphincluster.runtime.query;

import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.protocol.query.Filter;

/**
 * {@code VALUE}: one partition per distinct value, keyed by its canonical text; pruning is exact.
 */
final class ValuePartitionScheme implements PartitionScheme {
    private final ColumnType columnType;

    ValuePartitionScheme(ColumnType columnType) {
        this.columnType = columnType;
    }

    @Override
    public ColumnType columnType() {
        return columnType;
    }

    @Override
    public String keyOf(Object value) {
        return ValueText.format(value);
    }

    @Override
    public boolean mayMatch(String key, Filter.Op op, Object value) {
        Object held;
        try {
            held = ValueText.parse(columnType, key);
        } catch (IllegalArgumentException e) {
            return true; // not a key this scheme made: keep it
        }
        return Comparison.holds(ValueOrder.compare(held, value), op);
    }

    @Override
    public String toString() {
        return "VALUE";
    }
}
