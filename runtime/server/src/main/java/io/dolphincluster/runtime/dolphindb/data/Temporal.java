package io.dolphincluster.runtime.dolphindb.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/** Conversions between DolphinDB's temporal numbers and java.time, and between temporal types. */
public final class Temporal {
    public static final long NANOS_PER_MILLI = 1_000_000L;
    public static final long MILLIS_PER_DAY = 86_400_000L;
    public static final long NANOS_PER_DAY = MILLIS_PER_DAY * NANOS_PER_MILLI;

    private Temporal() {}

    /**
     * Nanoseconds since 1970-01-01T00:00 of a non-null value of a temporal type (MONTH: its first
     * day).
     */
    public static long toEpochNanos(DType type, long value) {
        return switch (type) {
            case DATE -> Math.multiplyExact(value, NANOS_PER_DAY);
            case MONTH ->
                    Math.multiplyExact(
                            LocalDate.of(
                                            Math.toIntExact(Math.floorDiv(value, 12)),
                                            Math.floorMod(value, 12) + 1,
                                            1)
                                    .toEpochDay(),
                            NANOS_PER_DAY);
            case DATETIME -> Math.multiplyExact(value, 1_000_000_000L);
            case TIMESTAMP -> Math.multiplyExact(value, NANOS_PER_MILLI);
            case NANOTIMESTAMP -> value;
            case TIME -> value * NANOS_PER_MILLI;
            case MINUTE -> value * 60_000_000_000L;
            case SECOND -> value * 1_000_000_000L;
            case NANOTIME -> value;
            default -> throw new IllegalArgumentException(type + " is not temporal");
        };
    }

    /**
     * The value of temporal type {@code type} at {@code nanos} since the epoch (a time type keeps
     * the time of day).
     */
    public static long fromEpochNanos(DType type, long nanos) {
        long ofDay = Math.floorMod(nanos, NANOS_PER_DAY);
        return switch (type) {
            case DATE -> Math.floorDiv(nanos, NANOS_PER_DAY);
            case MONTH -> {
                LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(nanos, NANOS_PER_DAY));
                yield date.getYear() * 12L + date.getMonthValue() - 1;
            }
            case DATETIME -> Math.floorDiv(nanos, 1_000_000_000L);
            case TIMESTAMP -> Math.floorDiv(nanos, NANOS_PER_MILLI);
            case NANOTIMESTAMP -> nanos;
            case TIME -> ofDay / NANOS_PER_MILLI;
            case MINUTE -> ofDay / 60_000_000_000L;
            case SECOND -> ofDay / 1_000_000_000L;
            case NANOTIME -> ofDay;
            default -> throw new IllegalArgumentException(type + " is not temporal");
        };
    }

    /**
     * Whether a temporal type has a date part (DATE, MONTH, DATETIME, TIMESTAMP, NANOTIMESTAMP).
     */
    public static boolean hasDate(DType type) {
        return type == DType.DATE
                || type == DType.MONTH
                || type == DType.DATETIME
                || type == DType.TIMESTAMP
                || type == DType.NANOTIMESTAMP;
    }

    /** Whether a temporal type has a time of day (everything but DATE and MONTH). */
    public static boolean hasTime(DType type) {
        return type.isTemporal() && type != DType.DATE && type != DType.MONTH;
    }

    public static LocalDateTime toLocalDateTime(DType type, long value) {
        return LocalDateTime.ofEpochSecond(
                Math.floorDiv(toEpochNanos(type, value), 1_000_000_000L),
                (int) Math.floorMod(toEpochNanos(type, value), 1_000_000_000L),
                ZoneOffset.UTC);
    }

    public static LocalTime toLocalTime(DType type, long value) {
        return LocalTime.ofNanoOfDay(Math.floorMod(toEpochNanos(type, value), NANOS_PER_DAY));
    }
}
