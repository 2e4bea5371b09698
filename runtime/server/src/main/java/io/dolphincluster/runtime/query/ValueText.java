package io.dolphincluster.runtime.query;

import io.dolphincluster.protocol.data.ColumnType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The canonical text of a column value, as used in partition keys and scheme boundaries: a DATE is
 * {@code 2024-01-02}, a TIMESTAMP its ISO instant ({@code 2024-01-02T10:00:00.500Z}), anything else
 * {@link Object#toString}. {@link #parse} reads it back to the same value.
 */
final class ValueText {
    private ValueText() {}

    /** The canonical text of a {@linkplain ColumnType#normalize normalized}, non-null value. */
    static String format(Object value) {
        return value.toString();
    }

    /** The value of type {@code type} written as {@code text}; a clear error when it is not one. */
    static Object parse(ColumnType type, String text) {
        try {
            switch (type) {
                case BOOL:
                    {
                        String lower = text.toLowerCase(Locale.ROOT);
                        if (lower.equals("true")) return Boolean.TRUE;
                        if (lower.equals("false")) return Boolean.FALSE;
                        break;
                    }
                case INT:
                    return Integer.parseInt(text);
                case LONG:
                    return Long.parseLong(text);
                case DOUBLE:
                    return Double.parseDouble(text);
                case SYMBOL:
                case STRING:
                    return text;
                case DATE:
                    return LocalDate.parse(text);
                case TIMESTAMP:
                    return text.chars().allMatch(ch -> ch == '-' || Character.isDigit(ch))
                            ? Instant.ofEpochMilli(Long.parseLong(text))
                            : Instant.ofEpochMilli(Instant.parse(text).toEpochMilli());
                default:
                    break;
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a " + type + " value: " + e.getMessage());
        }
        throw new IllegalArgumentException("'" + text + "' is not a " + type + " value");
    }
}
