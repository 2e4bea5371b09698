package io.dolphincluster.protocol.query;

import java.util.Objects;

/**
 * {@code column op value}. The value is converted to the column's type on the server (a DATE may be given
 * as {@code "2024-01-02"}). Rows whose value is missing (null) match no comparison.
 */
public record Filter(String column, Op op, Object value) {
    public enum Op { EQ, NE, LT, LE, GT, GE }

    public Filter {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(op, "op");
    }
}
