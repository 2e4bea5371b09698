package io.dolphincluster.protocol.query;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * {@code column op value}. The value is converted to the column's type on the server (a DATE may be
 * given as {@code "2024-01-02"}). Rows whose value is missing (null) match no comparison.
 *
 * <p>The value is held as a plain JSON scalar so that a filter travels as JSON unchanged: a {@link
 * Boolean}, an {@link Integer}, {@link Long}, {@link Double} (or another {@link Number} Jackson may
 * produce), or a {@link String}. A {@link LocalDate} is kept as its ISO text ({@code 2024-01-02})
 * and an {@link Instant} as its ISO text at millisecond precision ({@code
 * 2024-01-02T10:00:00.500Z}); {@code Short}/{@code Byte} become an Integer and a Float a Double.
 * Anything else is refused here.
 */
public record Filter(String column, Op op, Object value) {
    public enum Op {
        EQ,
        NE,
        LT,
        LE,
        GT,
        GE
    }

    public Filter {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(op, "op");
        value = asJsonScalar(column, value);
    }

    private static Object asJsonScalar(String column, Object value) {
        if (value == null
                || value instanceof String
                || value instanceof Boolean
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Double
                || value instanceof BigInteger
                || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Short || value instanceof Byte) return ((Number) value).intValue();
        if (value instanceof Float) return ((Number) value).doubleValue();
        if (value instanceof LocalDate) return value.toString();
        if (value instanceof Instant)
            return Instant.ofEpochMilli(((Instant) value).toEpochMilli()).toString();
        throw new IllegalArgumentException(
                "filter on '"
                        + column
                        + "': a value must be a boolean, number, string, LocalDate or Instant, got "
                        + value.getClass().getSimpleName()
                        + " '"
                        + value
                        + "'");
    }
}
