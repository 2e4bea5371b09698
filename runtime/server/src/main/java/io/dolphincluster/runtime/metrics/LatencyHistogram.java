package io.dolphincluster.runtime.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;

/**
 * Latency histograms with fixed buckets from 1 ms to 10 s: Micrometer timers whose service-level
 * objectives are those bounds and nothing else, exposed as a Prometheus {@code histogram} in
 * seconds (cumulative {@code _bucket{le}}, {@code _sum}, {@code _count}; Micrometer adds a {@code
 * _max} gauge, the largest recent value, decaying). Recording is lock-free.
 */
public final class LatencyHistogram {
    /** The buckets' upper bounds, in seconds, as {@code le} shows them. */
    static final double[] BOUNDS_SECONDS = {
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
    };

    private LatencyHistogram() {}

    /**
     * Registers the histogram {@code name} (ending with {@code _seconds}); record with {@code
     * timer.record(nanos, TimeUnit.NANOSECONDS)}.
     */
    public static Timer register(MeterRegistry registry, String name, String help, Tags tags) {
        return Timer.builder(name)
                .description(help)
                .tags(tags)
                .serviceLevelObjectives(
                        Arrays.stream(BOUNDS_SECONDS)
                                .mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9)))
                                .toArray(Duration[]::new))
                .register(registry);
    }
}
