package io.dolphincluster.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ProcessMetricsTest {

    @Test
    void writesFamiliesThatParseWithEscapedLabels() {
        ProcessMetrics metrics = new ProcessMetrics();
        metrics.gauge(
                "dolphin_nodes",
                "nodes\nby state",
                Tags.of("node", "a\"b\\c\nd", "state", "UP"),
                () -> 3);
        metrics.gauge("dolphin_ratio", "a ratio", Tags.empty(), () -> 0.25);
        String text = metrics.scrape();
        PrometheusTextParser.Parsed parsed = PrometheusTextParser.parse(text);
        assertThat(parsed.types())
                .containsEntry("dolphin_nodes", "gauge")
                .containsEntry("dolphin_ratio", "gauge");
        assertThat(parsed.value("dolphin_nodes", "node", "a\"b\\c\nd")).isEqualTo(3);
        assertThat(parsed.value("dolphin_ratio")).isEqualTo(0.25);
        assertThat(text)
                .contains("# HELP dolphin_nodes nodes\\nby state\n")
                .contains("dolphin_nodes{node=\"a\\\"b\\\\c\\nd\",state=\"UP\"} 3.0\n");
    }

    @Test
    void aHistogramIsCumulativeAndCountsEveryRecord() {
        ProcessMetrics metrics = new ProcessMetrics();
        Timer histogram =
                LatencyHistogram.register(
                        metrics.registry(), "op_seconds", "latency", Tags.of("node", "d1"));
        histogram.record(500_000, TimeUnit.NANOSECONDS); // 0.5 ms
        histogram.record(20_000_000, TimeUnit.NANOSECONDS); // 20 ms
        histogram.record(60_000_000_000L, TimeUnit.NANOSECONDS); // a minute: only +Inf
        PrometheusTextParser.Parsed parsed = PrometheusTextParser.parse(metrics.scrape());
        assertThat(parsed.types()).containsEntry("op_seconds", "histogram");
        assertThat(parsed.value("op_seconds_bucket", "le", "0.001")).isEqualTo(1);
        assertThat(parsed.value("op_seconds_bucket", "le", "0.025")).isEqualTo(2);
        assertThat(parsed.value("op_seconds_bucket", "le", "10.0")).isEqualTo(2);
        assertThat(parsed.value("op_seconds_bucket", "le", "+Inf")).isEqualTo(3);
        assertThat(parsed.value("op_seconds_count", "node", "d1")).isEqualTo(3);
        assertThat(parsed.value("op_seconds_sum")).isEqualTo(60.0205, Offset.offset(1e-9));
    }

    @Test
    void theBucketsAreTheFixedBoundsAndNoOthers() {
        ProcessMetrics metrics = new ProcessMetrics();
        LatencyHistogram.register(metrics.registry(), "op_seconds", "latency", Tags.empty());
        PrometheusTextParser.Parsed parsed = PrometheusTextParser.parse(metrics.scrape());
        assertThat(
                        parsed.samples().values().stream()
                                .filter(s -> s.name().equals("op_seconds_bucket"))
                                .map(s -> s.labels().get("le")))
                .containsExactly(
                        "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5",
                        "1.0", "2.5", "5.0", "10.0", "+Inf");
    }

    @Test
    void namesAreExposedAsRegisteredWithNoSuffixAddedTwice() {
        ProcessMetrics metrics = new ProcessMetrics();
        AtomicLong count = new AtomicLong(7);
        metrics.counter("dolphin_things_total", "things", Tags.empty(), count::get);
        LatencyHistogram.register(metrics.registry(), "dolphin_op_seconds", "op", Tags.empty());
        metrics.gauge("dolphin_age_seconds", "age", Tags.empty(), () -> 1.5);
        PrometheusTextParser.Parsed parsed = PrometheusTextParser.parse(metrics.scrape());
        assertThat(parsed.types())
                .containsEntry("dolphin_things_total", "counter")
                .containsEntry("dolphin_op_seconds", "histogram")
                .containsEntry("dolphin_age_seconds", "gauge");
        assertThat(parsed.value("dolphin_things_total")).isEqualTo(7);
    }

    @Test
    void gaugesAndFunctionCountersOutliveAGarbageCollection() {
        ProcessMetrics metrics = new ProcessMetrics();
        register(metrics); // nothing but the meters refers to the functions
        for (int i = 0; i < 3; i++) System.gc();
        PrometheusTextParser.Parsed parsed = PrometheusTextParser.parse(metrics.scrape());
        assertThat(parsed.value("dolphin_held_total")).isEqualTo(5);
        assertThat(parsed.value("dolphin_kept")).isEqualTo(4);
    }

    private static void register(ProcessMetrics metrics) {
        AtomicLong counted = new AtomicLong(5);
        metrics.counter("dolphin_held_total", "held", Tags.empty(), counted::get);
        AtomicLong gauged = new AtomicLong(4);
        metrics.gauge("dolphin_kept", "kept", Tags.empty(), gauged::get);
    }

    @Test
    void aValueSharedByManyGaugesIsReadOncePerScrape() {
        ProcessMetrics metrics = new ProcessMetrics();
        AtomicInteger reads = new AtomicInteger();
        var shared = metrics.perScrape(() -> new int[] {reads.incrementAndGet(), 2});
        metrics.gauge("dolphin_a", "a", Tags.empty(), () -> shared.get()[0]);
        metrics.gauge("dolphin_b", "b", Tags.empty(), () -> shared.get()[1]);
        PrometheusTextParser.Parsed first = PrometheusTextParser.parse(metrics.scrape());
        PrometheusTextParser.Parsed second = PrometheusTextParser.parse(metrics.scrape());
        assertThat(first.value("dolphin_a")).isEqualTo(1);
        assertThat(second.value("dolphin_a")).isEqualTo(2);
        assertThat(reads).hasValue(2);
    }
}
