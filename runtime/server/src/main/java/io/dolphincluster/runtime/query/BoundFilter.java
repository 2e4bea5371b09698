package io.dolphincluster.runtime.query;

import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.protocol.query.Filter;
import java.util.List;

/**
 * A {@link Filter} checked against a schema: its column found and its value converted to the
 * column's type.
 */
record BoundFilter(int column, String columnName, Filter.Op op, Object value) {

    /**
     * Binds {@code filter}; an unknown column, a missing value or one not convertible is a clear
     * error.
     */
    static BoundFilter bind(Schema schema, Filter filter) {
        int column;
        try {
            column = schema.indexOf(filter.column());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("where: " + e.getMessage());
        }
        if (filter.value() == null) {
            throw new IllegalArgumentException(
                    "where: the filter on '"
                            + filter.column()
                            + "' ("
                            + filter.op()
                            + ") needs a value");
        }
        Object value;
        try {
            value = schema.column(column).type().normalize(filter.value());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "where: the filter on '" + filter.column() + "' " + e.getMessage());
        }
        return new BoundFilter(column, filter.column(), filter.op(), value);
    }

    /** Whether a row's value passes; a missing value passes no comparison. */
    boolean matches(Object cell) {
        return cell != null && Comparison.holds(ValueOrder.compare(cell, value), op);
    }

    static boolean allMatch(List<BoundFilter> filters, List<Object> row) {
        for (BoundFilter filter : filters) {
            if (!filter.matches(row.get(filter.column()))) return false;
        }
        return true;
    }
}
