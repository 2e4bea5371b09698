package io.dolphincluster.runtime.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * What the measured part of a {@link LoadGenerator} run achieved.
 *
 * <p>{@code ops} counts operations that succeeded and {@code errors} those that failed or timed
 * out; if the run's time limit cut it short, {@code ops + errors} is less than the operations
 * planned. {@code seconds} is the wall-clock time of the measured phase, {@code opsPerSecond} is
 * {@code ops / seconds}, and the latencies (nearest-rank percentiles and maximum, in milliseconds)
 * are over successful operations only; they are 0 when none succeeded.
 */
public record LoadResult(
        long ops,
        long errors,
        double seconds,
        double opsPerSecond,
        double p50Millis,
        double p99Millis,
        double maxMillis) {

    private static final String ROW_FORMAT = "%8s %7s %9s %10s %9s %9s %9s";

    /** Summarises successful latencies (in nanoseconds; the array is sorted in place). */
    static LoadResult of(long[] successLatenciesNanos, long errors, long elapsedNanos) {
        long[] sorted = successLatenciesNanos;
        Arrays.sort(sorted);
        double seconds = elapsedNanos / 1e9;
        long ops = sorted.length;
        return new LoadResult(
                ops,
                errors,
                seconds,
                seconds > 0 ? ops / seconds : 0,
                millis(percentile(sorted, 0.50)),
                millis(percentile(sorted, 0.99)),
                millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
    }

    /** Column titles matching {@link #toString()}. */
    public static String tableHeader() {
        return String.format(
                Locale.ROOT,
                ROW_FORMAT,
                "ops",
                "errors",
                "seconds",
                "ops/s",
                "p50 ms",
                "p99 ms",
                "max ms");
    }

    /** One table row: ops, errors, seconds, ops/s, p50, p99 and max latency in ms. */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                ROW_FORMAT,
                ops,
                errors,
                String.format(Locale.ROOT, "%.2f", seconds),
                String.format(Locale.ROOT, "%.1f", opsPerSecond),
                String.format(Locale.ROOT, "%.2f", p50Millis),
                String.format(Locale.ROOT, "%.2f", p99Millis),
                String.format(Locale.ROOT, "%.2f", maxMillis));
    }

    /**
     * Nearest-rank percentile of sorted values: the smallest value with at least q of all at or
     * below.
     */
    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
