package io.dolphincluster.runtime.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample, for benchmark reports. */
final class Percentiles {
    private Percentiles() {}

    /** The smallest value with at least {@code q} of the sample at or below it. */
    static double of(double[] sample, double q) {
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
