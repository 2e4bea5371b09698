package io.dolphincluster.runtime.query;

import java.util.Comparator;
import java.util.List;

/**
 * The order of normalized values of one column type (their natural order; {@code NaN} is the
 * largest DOUBLE, as in {@link Double#compareTo}), with null (missing) before everything; and of
 * group keys, element by element.
 */
final class ValueOrder {
    private ValueOrder() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a == b) return 0;
        if (a == null) return -1;
        if (b == null) return 1;
        return ((Comparable) a).compareTo(b);
    }

    static final Comparator<List<Object>> KEYS =
            (a, b) -> {
                for (int i = 0; i < a.size(); i++) {
                    int c = compare(a.get(i), b.get(i));
                    if (c != 0) return c;
                }
                return Integer.compare(a.size(), b.size());
            };
}
