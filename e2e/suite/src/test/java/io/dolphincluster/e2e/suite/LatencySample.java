package io.dolphincluster.e2e.suite;

import java.util.Arrays;

/**
 * Latencies of one phase, in nanoseconds, kept whole (a phase holds at most some thousands):
 * percentiles by nearest rank over the sorted values. Not thread-safe; {@link PhaseFigures} guards
 * it.
 */
final class LatencySample {
    private long[] values = new long[256];
    private int size;

    void add(long nanos) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = nanos;
    }

    int size() {
        return size;
    }

    /**
     * The smallest value with at least {@code fraction} of the values at or below it; 0 when empty.
     */
    long percentile(double fraction) {
        if (fraction <= 0 || fraction > 1)
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        if (size == 0) return 0;
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(fraction * size);
        return sorted[rank - 1];
    }

    long max() {
        return size == 0 ? 0 : percentile(1.0);
    }
}
