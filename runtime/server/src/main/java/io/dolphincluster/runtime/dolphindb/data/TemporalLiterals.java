package io.dolphincluster.runtime.dolphindb.data;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DolphinDB's temporal literals: {@code 2024.01.02} DATE, {@code 2024.01M} MONTH, {@code 13:30m}
 * MINUTE, {@code 13:30:10} SECOND, {@code 13:30:10.008} TIME, {@code 13:30:10.008007006} NANOTIME,
 * {@code 2024.01.02T13:30:10} DATETIME, {@code 2024.01.02T13:30:10.008} TIMESTAMP and {@code
 * 2024.01.02T13:30:10.008007006} NANOTIMESTAMP (a space may stand for the {@code T}).
 */
public final class TemporalLiterals {
    private static final Pattern DATE = Pattern.compile("(\\d{4})\\.(\\d{2})\\.(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})\\.(\\d{2})M");
    private static final Pattern MINUTE = Pattern.compile("(\\d{2}):(\\d{2})m");
    private static final Pattern TIME =
            Pattern.compile("(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?");
    private static final Pattern DATE_TIME = Pattern.compile("(\\d{4}\\.\\d{2}\\.\\d{2})[T ](.+)");

    private TemporalLiterals() {}

    /**
     * The scalar written {@code text}, or null when it is not a temporal literal (or names no valid
     * date).
     */
    public static Vec parse(String text) {
        try {
            return parseOrThrow(text);
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    private static Vec parseOrThrow(String text) {
        Matcher m;
        if ((m = DATE.matcher(text)).matches()) return Vec.scalar(DType.DATE, date(m).toEpochDay());
        if ((m = MONTH.matcher(text)).matches()) {
            int month = Integer.parseInt(m.group(2));
            if (month < 1 || month > 12) return null;
            return Vec.scalar(DType.MONTH, Integer.parseInt(m.group(1)) * 12L + month - 1);
        }
        if ((m = MINUTE.matcher(text)).matches()) {
            int hour = Integer.parseInt(m.group(1));
            int minute = Integer.parseInt(m.group(2));
            return hour < 24 && minute < 60 ? Vec.scalar(DType.MINUTE, hour * 60L + minute) : null;
        }
        if ((m = TIME.matcher(text)).matches()) return time(m);
        if ((m = DATE_TIME.matcher(text)).matches()) {
            Matcher date = DATE.matcher(m.group(1));
            Matcher time = TIME.matcher(m.group(2));
            if (!date.matches() || !time.matches()) return null;
            long days = date(date).toEpochDay();
            Vec ofDay = time(time);
            if (ofDay == null) return null;
            DType type =
                    switch (ofDay.type()) {
                        case SECOND -> DType.DATETIME;
                        case TIME -> DType.TIMESTAMP;
                        default -> DType.NANOTIMESTAMP;
                    };
            long nanos =
                    Math.addExact(
                            Math.multiplyExact(days, Temporal.NANOS_PER_DAY),
                            Temporal.toEpochNanos(ofDay.type(), ofDay.longAt(0)));
            return Vec.scalar(type, Temporal.fromEpochNanos(type, nanos));
        }
        return null;
    }

    private static LocalDate date(Matcher m) {
        return LocalDate.of(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
    }

    /** SECOND without a fraction, TIME with up to 3 digits, NANOTIME with more. */
    private static Vec time(Matcher m) {
        int hour = Integer.parseInt(m.group(1));
        int minute = Integer.parseInt(m.group(2));
        int second = Integer.parseInt(m.group(3));
        if (hour > 23 || minute > 59 || second > 59) return null;
        long seconds = hour * 3600L + minute * 60L + second;
        String fraction = m.group(4);
        if (fraction == null) return Vec.scalar(DType.SECOND, seconds);
        if (fraction.length() <= 3)
            return Vec.scalar(
                    DType.TIME, seconds * 1000 + Long.parseLong((fraction + "00").substring(0, 3)));
        return Vec.scalar(
                DType.NANOTIME,
                seconds * 1_000_000_000L + Long.parseLong((fraction + "00000000").substring(0, 9)));
    }
}
