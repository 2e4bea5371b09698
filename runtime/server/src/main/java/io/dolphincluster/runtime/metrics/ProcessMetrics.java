package io.dolphincluster.runtime.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A process's one meter registry (Micrometer's Prometheus registry) and its exposition in the
 * Prometheus text format (0.0.4), which the process serves on {@code GET /metrics}, public like
 * health.
 *
 * <p>Meters are named by the name they are exposed under ({@code dolphin_http_refused_total}, not
 * {@code dolphin.http.refused}), so a name seen in a dashboard is found in the code as it is; the
 * Prometheus naming convention leaves such names unchanged (a counter's {@code _total} or a timer's
 * {@code _seconds} is not added twice); {@code ControllerMetricsTest} and {@code
 * DatanodeMetricsTest} pin every documented name. Register no base unit: it would be appended to
 * the name.
 *
 * <p>Gauges and function counters read live state when scraped. Micrometer holds the state object
 * of a gauge or function counter only weakly (a value whose object nothing else holds turns into
 * {@code NaN} at the next garbage collection); {@link #gauge} and {@link #counter} hold their
 * functions strongly. Values several meters share (a metadata snapshot, a disk scan) are read once
 * per scrape through {@link #perScrape}; meters whose label values change (a node per label) are
 * refreshed by {@link #beforeScrape} hooks. Thread-safe.
 */
public final class ProcessMetrics {
    /** The content type of {@code GET /metrics}. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicLong scrapes = new AtomicLong();
    private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();
    private final List<Object> functions = new CopyOnWriteArrayList<>();

    /** Where meters are registered. */
    public MeterRegistry registry() {
        return registry;
    }

    /** A gauge that reads {@code value} at every scrape. */
    public Gauge gauge(String name, String help, Tags tags, DoubleSupplier value) {
        return Gauge.builder(name, value, DoubleSupplier::getAsDouble)
                .strongReference(true)
                .description(help)
                .tags(tags)
                .register(registry);
    }

    /**
     * A counter whose count is kept elsewhere and read at every scrape; {@code name} ends with
     * {@code _total}.
     */
    public FunctionCounter counter(String name, String help, Tags tags, LongSupplier count) {
        functions.add(count); // the builder has no strongReference
        return FunctionCounter.builder(name, count, c -> c.getAsLong())
                .description(help)
                .tags(tags)
                .register(registry);
    }

    /**
     * {@code read}'s value, read at most once per scrape: the meters that show parts of one value
     * see the same one.
     */
    public <T> Supplier<T> perScrape(Supplier<T> read) {
        return new Supplier<>() {
            private long readAt = -1;
            private T value;

            @Override
            public synchronized T get() {
                long scrape = scrapes.get();
                if (readAt != scrape || value == null) {
                    value = read.get();
                    readAt = scrape;
                }
                return value;
            }
        };
    }

    /** Runs {@code hook} before every scrape (e.g. to register a {@code MultiGauge}'s rows). */
    public void beforeScrape(Runnable hook) {
        beforeScrape.add(hook);
    }

    /** Every meter's current value, in the Prometheus text format. */
    public String scrape() {
        scrapes.incrementAndGet();
        beforeScrape.forEach(Runnable::run);
        return registry.scrape(CONTENT_TYPE);
    }
}
