package io.dolphincluster.protocol.query;

import java.util.Objects;

/**
 * An aggregate over the matching rows of a group. {@code COUNT} with a null column counts rows;
 * every other function needs a column and skips missing values. SUM of INT/LONG is a LONG, of
 * DOUBLE a DOUBLE; AVG is a DOUBLE; MIN/MAX keep the column's type. The result column is named like
 * {@code sum_price} or {@code count}.
 */
public record Aggregate(Fn fn, String column) {
    public enum Fn {
        COUNT,
        SUM,
        MIN,
        MAX,
        AVG
    }

    public Aggregate {
        Objects.requireNonNull(fn, "fn");
        if (fn != Fn.COUNT && column == null)
            throw new IllegalArgumentException(fn + " needs a column");
    }

    /** The name of this aggregate's result column. */
    public String resultName() {
        return column == null
                ? "count"
                : fn.name().toLowerCase(java.util.Locale.ROOT) + "_" + column;
    }
}
