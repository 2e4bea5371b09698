package io.dolphincluster.protocol.data;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The column types of a partitioned table, with the one Java class each value is held as ({@link
 * #normalize}): BOOL {@link Boolean}, INT {@link Integer}, LONG {@link Long}, DOUBLE {@link
 * Double}, SYMBOL and STRING {@link String}, DATE {@link LocalDate}, TIMESTAMP {@link Instant}
 * (milliseconds). {@code null} is the missing value of every type.
 */
public enum ColumnType {
    BOOL,
    INT,
    LONG,
    DOUBLE,
    SYMBOL,
    STRING,
    DATE,
    TIMESTAMP;

    /**
     * The type named {@code name}, in any case; an unknown name is an error listing the known ones.
     */
    public static ColumnType parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "unknown column type '"
                            + name
                            + "': expected one of BOOL, INT, LONG, DOUBLE, SYMBOL, STRING, DATE, TIMESTAMP");
        }
    }

    /**
     * The value as this type's Java class. Accepts the natural neighbours (any integral {@link
     * Number} for INT/LONG when it fits, any number for DOUBLE, an ISO string or epoch day for
     * DATE, an ISO string or epoch millis for TIMESTAMP); anything else is an {@link
     * IllegalArgumentException} naming the type and the value.
     */
    public Object normalize(Object value) {
        if (value == null) return null;
        try {
            switch (this) {
                case BOOL:
                    if (value instanceof Boolean) return value;
                    break;
                case INT:
                    if (value instanceof Integer) return value;
                    if (value instanceof Long || value instanceof Short || value instanceof Byte)
                        return Math.toIntExact(((Number) value).longValue());
                    break;
                case LONG:
                    if (value instanceof Long) return value;
                    if (value instanceof Integer || value instanceof Short || value instanceof Byte)
                        return ((Number) value).longValue();
                    break;
                case DOUBLE:
                    if (value instanceof Double) return value;
                    if (value instanceof Number) return ((Number) value).doubleValue();
                    break;
                case SYMBOL:
                case STRING:
                    if (value instanceof String) return value;
                    break;
                case DATE:
                    if (value instanceof LocalDate) return value;
                    if (value instanceof String) return LocalDate.parse((String) value);
                    if (value instanceof Integer || value instanceof Long)
                        return LocalDate.ofEpochDay(((Number) value).longValue());
                    break;
                case TIMESTAMP:
                    if (value instanceof Instant)
                        return Instant.ofEpochMilli(((Instant) value).toEpochMilli());
                    if (value instanceof String)
                        return Instant.ofEpochMilli(Instant.parse((String) value).toEpochMilli());
                    if (value instanceof Long || value instanceof Integer)
                        return Instant.ofEpochMilli(((Number) value).longValue());
                    break;
                default:
                    break;
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "expected a " + this + " value, got '" + value + "': " + e.getMessage());
        }
        throw new IllegalArgumentException(
                "expected a "
                        + this
                        + " value, got "
                        + value.getClass().getSimpleName()
                        + " '"
                        + value
                        + "'");
    }

    /** Whether values of this type are ordered numbers (they can be summed and averaged). */
    public boolean isNumeric() {
        return this == INT || this == LONG || this == DOUBLE;
    }
}
