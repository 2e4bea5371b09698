package io.dolphincluster.runtime.query;

import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.protocol.query.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the values of a table's partition column map to partition keys (one chunk per key).
 *
 * <p>The scheme's text is what {@code DatabaseInfo.partitionScheme} stores; it names the kind and
 * its parameters, never the column: the partition column is the table's ({@code
 * TableInfo.partitionColumn}), and its type gives the scheme's boundaries their type. The kinds,
 * case-insensitive:
 *
 * <ul>
 *   <li>{@code VALUE}: every distinct value is a partition; the key is the value's canonical text
 *       ({@code 2024-01-02}, {@code AAPL}, {@code 42}, {@code 2024-01-02T10:00:00Z}).
 *   <li>{@code RANGE(b1,b2,...,bn)}, n &ge; 2 strictly increasing boundaries of the column's type:
 *       n-1 partitions {@code [b_i, b_i+1)}, keyed {@code [b_i,b_i+1)}; a value outside {@code [b1,
 *       bn)} is refused.
 *   <li>{@code HASH(n)}, n &ge; 1: the key is {@code h<k>}, {@code k = floorMod(hash(value), n)},
 *       with a hash fixed by the Java specification, so the same on every JVM: {@link
 *       String#hashCode} for SYMBOL and STRING, the value for INT, {@link Long#hashCode} of the
 *       value, the epoch day (DATE) or the epoch millis (TIMESTAMP), {@link Double#hashCode} for
 *       DOUBLE, 1/0 for BOOL.
 * </ul>
 *
 * A partition column value must not be missing (null).
 */
public interface PartitionScheme {

    /** The type of the values this scheme partitions. */
    ColumnType columnType();

    /**
     * The partition key of a {@linkplain ColumnType#normalize normalized}, non-null value; a clear
     * error if it has none.
     */
    String keyOf(Object value);

    /**
     * Whether the partition {@code key} may hold a value {@code v} with {@code v op value} ({@code
     * value} normalized, non-null). False only when no such value can be in it; an unknown key may
     * match.
     */
    boolean mayMatch(String key, Filter.Op op, Object value);

    /** The scheme written as {@code text}, for a partition column of type {@code columnType}. */
    static PartitionScheme parse(String text, ColumnType columnType) {
        String expected = "expected VALUE, RANGE(b1,...) or HASH(n), got '" + text + "'";
        if (text == null) throw new IllegalArgumentException(expected);
        String trimmed = text.strip();
        String upper = trimmed.toUpperCase(Locale.ROOT);
        if (upper.equals("VALUE")) return new ValuePartitionScheme(columnType);
        int open = trimmed.indexOf('(');
        if (open < 0 || !trimmed.endsWith(")")) throw new IllegalArgumentException(expected);
        String kind = upper.substring(0, open).strip();
        List<String> args = new ArrayList<>();
        for (String arg : trimmed.substring(open + 1, trimmed.length() - 1).split(",", -1))
            args.add(arg.strip());
        if (kind.equals("RANGE")) {
            if (args.size() < 2)
                throw new IllegalArgumentException(
                        "RANGE needs at least two boundaries, got '" + text + "'");
            List<Object> boundaries = new ArrayList<>();
            for (String arg : args) {
                try {
                    boundaries.add(ValueText.parse(columnType, arg));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "RANGE boundary of '" + text + "': " + e.getMessage());
                }
            }
            return new RangePartitionScheme(columnType, boundaries);
        }
        if (kind.equals("HASH")) {
            if (args.size() != 1)
                throw new IllegalArgumentException(
                        "HASH takes one argument, the number of partitions, got '" + text + "'");
            int buckets;
            try {
                buckets = Integer.parseInt(args.get(0));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "HASH(n) needs a whole number of partitions, got '" + text + "'");
            }
            if (buckets < 1)
                throw new IllegalArgumentException(
                        "HASH(n) needs at least one partition, got '" + text + "'");
            return new HashPartitionScheme(columnType, buckets);
        }
        throw new IllegalArgumentException(expected);
    }
}
