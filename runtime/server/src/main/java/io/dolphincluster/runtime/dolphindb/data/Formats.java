package io.dolphincluster.runtime.dolphindb.data;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.StringJoiner;

/**
 * Values as DolphinDB writes them: {@code 2024.01.02}, {@code 13:30:10.008}, {@code 2024.01M},
 * {@code [1,2,3]}.
 */
public final class Formats {
    private Formats() {}

    public static String text(Entity entity) {
        if (entity instanceof Vec vec) {
            if (vec.isScalar()) return element(vec, 0);
            StringJoiner joiner =
                    new StringJoiner(
                            vec.form() == Form.PAIR ? " : " : ",",
                            vec.form() == Form.PAIR ? "" : "[",
                            vec.form() == Form.PAIR ? "" : "]");
            int shown = Math.min(vec.size(), 1000);
            for (int i = 0; i < shown; i++)
                joiner.add(vec.type() == DType.ANY ? text(vec.entityAt(i)) : element(vec, i));
            if (shown < vec.size()) joiner.add("...");
            return joiner.toString();
        }
        if (entity instanceof Table table)
            return "table with " + table.rows() + " rows and columns " + table.names();
        return entity.describe();
    }

    /** One element of a vector as text; a null is the empty string. */
    public static String element(Vec vec, int i) {
        if (vec.isNull(i)) return "";
        DType type = vec.type();
        return switch (type.storage()) {
            case STRING -> vec.stringAt(i);
            case DOUBLE -> number(vec.doubleAt(i));
            case ANY -> text(vec.entityAt(i));
            case NONE -> "";
            case LONG ->
                    type == DType.BOOL
                            ? (vec.longAt(i) != 0 ? "true" : "false")
                            : type.isTemporal()
                                    ? temporal(type, vec.longAt(i))
                                    : Long.toString(vec.longAt(i));
        };
    }

    public static String number(double value) {
        if (Double.isInfinite(value)) return value > 0 ? "inf" : "-inf";
        if (value == Math.rint(value) && Math.abs(value) < 1e15) return Long.toString((long) value);
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    public static String temporal(DType type, long value) {
        switch (type) {
            case DATE:
                return date(LocalDate.ofEpochDay(value));
            case MONTH:
                return String.format(
                        "%04d.%02dM", Math.floorDiv(value, 12), Math.floorMod(value, 12) + 1);
            case MINUTE:
                return String.format("%02d:%02dm", value / 60, value % 60);
            case SECOND:
                return String.format("%02d:%02d:%02d", value / 3600, value / 60 % 60, value % 60);
            case TIME:
                return time(Temporal.toLocalTime(type, value), 3);
            case NANOTIME:
                return time(Temporal.toLocalTime(type, value), 9);
            case DATETIME:
                return dateTime(Temporal.toLocalDateTime(type, value), 0);
            case TIMESTAMP:
                return dateTime(Temporal.toLocalDateTime(type, value), 3);
            case NANOTIMESTAMP:
                return dateTime(Temporal.toLocalDateTime(type, value), 9);
            default:
                throw new IllegalArgumentException(type + " is not temporal");
        }
    }

    private static String date(LocalDate date) {
        return String.format(
                "%04d.%02d.%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    }

    private static String dateTime(LocalDateTime value, int fractionDigits) {
        return date(value.toLocalDate()) + "T" + time(value.toLocalTime(), fractionDigits);
    }

    private static String time(LocalTime time, int fractionDigits) {
        String text =
                String.format("%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond());
        if (fractionDigits == 3) return text + String.format(".%03d", time.getNano() / 1_000_000);
        if (fractionDigits == 9) return text + String.format(".%09d", time.getNano());
        return text;
    }
}
