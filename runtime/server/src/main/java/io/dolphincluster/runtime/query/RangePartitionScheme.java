package io.dolphincluster.runtime.query;

import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.protocol.query.Filter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code RANGE(b1,...,bn)}: partitions {@code [b_i, b_i+1)} keyed {@code [b_i,b_i+1)}; pruning by
 * interval overlap.
 */
final class RangePartitionScheme implements PartitionScheme {
    private final ColumnType columnType;
    private final Object[] boundaries;
    private final String[] keys;
    private final Map<String, Integer> partitionOfKey = new HashMap<>();

    RangePartitionScheme(ColumnType columnType, List<Object> boundaries) {
        this.columnType = columnType;
        this.boundaries = boundaries.toArray();
        for (int i = 1; i < this.boundaries.length; i++) {
            if (ValueOrder.compare(this.boundaries[i - 1], this.boundaries[i]) >= 0) {
                throw new IllegalArgumentException(
                        "RANGE boundaries must increase strictly, but "
                                + ValueText.format(this.boundaries[i - 1])
                                + " comes before "
                                + ValueText.format(this.boundaries[i]));
            }
        }
        keys = new String[this.boundaries.length - 1];
        for (int i = 0; i < keys.length; i++) {
            keys[i] =
                    "["
                            + ValueText.format(this.boundaries[i])
                            + ","
                            + ValueText.format(this.boundaries[i + 1])
                            + ")";
            partitionOfKey.put(keys[i], i);
        }
    }

    @Override
    public ColumnType columnType() {
        return columnType;
    }

    @Override
    public String keyOf(Object value) {
        int low = 0;
        int high = boundaries.length - 1;
        if (ValueOrder.compare(value, boundaries[0]) < 0
                || ValueOrder.compare(value, boundaries[high]) >= 0) {
            throw new IllegalArgumentException(
                    "value "
                            + ValueText.format(value)
                            + " is outside the partitions of "
                            + this
                            + ", which cover ["
                            + ValueText.format(boundaries[0])
                            + ", "
                            + ValueText.format(boundaries[high])
                            + ")");
        }
        // invariant: boundaries[low] <= value < boundaries[high]
        while (high - low > 1) {
            int mid = (low + high) >>> 1;
            if (ValueOrder.compare(value, boundaries[mid]) < 0) high = mid;
            else low = mid;
        }
        return keys[low];
    }

    @Override
    public boolean mayMatch(String key, Filter.Op op, Object value) {
        Integer partition = partitionOfKey.get(key);
        if (partition == null) return true;
        Object low = boundaries[partition];
        Object high = boundaries[partition + 1];
        switch (op) {
            case EQ:
                return ValueOrder.compare(low, value) <= 0 && ValueOrder.compare(value, high) < 0;
            case LT:
                return ValueOrder.compare(low, value) < 0;
            case LE:
                return ValueOrder.compare(low, value) <= 0;
            case GT:
            case GE:
                return ValueOrder.compare(value, high) < 0;
            default:
                return true; // NE: conservatively, a partition may hold other values
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("RANGE(");
        for (int i = 0; i < boundaries.length; i++)
            text.append(i == 0 ? "" : ",").append(ValueText.format(boundaries[i]));
        return text.append(')').toString();
    }
}
