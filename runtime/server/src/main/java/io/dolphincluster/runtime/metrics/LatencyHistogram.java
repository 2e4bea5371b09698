package io.dolphincluster.runtime.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lock-free latency histogram with fixed buckets from 1 ms to 10 s, exposed as a Prometheus
 * {@code histogram} in seconds (cumulative {@code _bucket{le}}, {@code _sum}, {@code _count}).
 */
public final class LatencyHistogram {
    private static final double[] BOUNDS_SECONDS = {
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
    };

    private final LongAdder[] buckets = new LongAdder[BOUNDS_SECONDS.length + 1];
    private final LongAdder count = new LongAdder();
    private final LongAdder sumNanos = new LongAdder();

    public LatencyHistogram() {
        for (int i = 0; i < buckets.length; i++) buckets[i] = new LongAdder();
    }

    public void record(long nanos) {
        double seconds = nanos / 1e9;
        int i = 0;
        while (i < BOUNDS_SECONDS.length && seconds > BOUNDS_SECONDS[i]) i++;
        buckets[i].increment();
        count.increment();
        sumNanos.add(nanos);
    }

    public long count() {
        return count.sum();
    }

    /**
     * Writes the family {@code name} with {@code labels} on every sample (plus {@code le} on the
     * buckets).
     */
    public void writeTo(PrometheusText text, String name, String help, Map<String, String> labels) {
        text.family(name, "histogram", help);
        long cumulative = 0;
        for (int i = 0; i <= BOUNDS_SECONDS.length; i++) {
            cumulative += buckets[i].sum();
            Map<String, String> withBound = new LinkedHashMap<>(labels);
            withBound.put(
                    "le", i < BOUNDS_SECONDS.length ? Double.toString(BOUNDS_SECONDS[i]) : "+Inf");
            text.sample(name + "_bucket", withBound, cumulative);
        }
        text.sample(name + "_sum", labels, sumNanos.sum() / 1e9);
        text.sample(name + "_count", labels, cumulative);
    }
}
