package io.dolphincluster.e2e.suite;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Figures of a run cut into named phases: each append the writer made (latency, failed or not) and
 * each sample of the leader sampler land in the phase current at that moment. A phase lasts from
 * its {@link #begin} to the next one (or {@link #finish}); {@link #settled} marks how long its
 * change took. Thread-safe.
 *
 * <p>The leader gap of a phase is the longest time, seen at a sample of that phase, since the last
 * sample that found a leader: with samples every 500 ms it is about 0.5 s when a leader always
 * answers.
 */
final class PhaseFigures {
    /**
     * One row of the table. Latencies in milliseconds; {@code settledSeconds} is -1 for phases
     * without a change.
     */
    record Row(
            String phase,
            double settledSeconds,
            double seconds,
            int appends,
            int failures,
            double p50Millis,
            double p99Millis,
            double maxMillis,
            double longestLeaderGapSeconds) {}

    private static final class Phase {
        final String name;
        final long startNanos;
        long endNanos = -1;
        long settledNanos = -1;
        final LatencySample latencies = new LatencySample();
        int failures;
        long longestGapNanos;

        Phase(String name, long startNanos) {
            this.name = name;
            this.startNanos = startNanos;
        }
    }

    private final LongSupplier clock;
    private final List<Phase> phases = new ArrayList<>();
    private Phase current;
    private long lastLeaderNanos = -1;
    private long longestGapNanos;

    PhaseFigures() {
        this(System::nanoTime);
    }

    PhaseFigures(LongSupplier nanoClock) {
        this.clock = nanoClock;
    }

    /** Ends the current phase and starts {@code name}. */
    synchronized void begin(String name) {
        long now = clock.getAsLong();
        if (current != null) current.endNanos = now;
        current = new Phase(name, now);
        phases.add(current);
    }

    /** The current phase's change is done: its settle time is now minus its start. */
    synchronized Duration settled() {
        requirePhase();
        current.settledNanos = clock.getAsLong();
        return Duration.ofNanos(current.settledNanos - current.startNanos);
    }

    synchronized void finish() {
        if (current != null && current.endNanos < 0) current.endNanos = clock.getAsLong();
        current = null;
    }

    /** One append by the writer; ignored outside a phase. */
    synchronized void append(long latencyNanos, boolean failed) {
        if (current == null) return;
        if (failed) {
            current.failures++;
        } else {
            current.latencies.add(latencyNanos);
        }
    }

    /** One sample of the leader sampler: whether some controller answered as the leader. */
    synchronized void leaderSample(boolean leaderAnswered) {
        long now = clock.getAsLong();
        if (lastLeaderNanos >= 0) {
            long gap = now - lastLeaderNanos;
            longestGapNanos = Math.max(longestGapNanos, gap);
            if (current != null) current.longestGapNanos = Math.max(current.longestGapNanos, gap);
        }
        if (leaderAnswered) lastLeaderNanos = now;
    }

    /** The longest leader gap over the whole run. */
    synchronized Duration longestLeaderGap() {
        return Duration.ofNanos(longestGapNanos);
    }

    synchronized List<Row> rows() {
        long now = clock.getAsLong();
        List<Row> rows = new ArrayList<>();
        for (Phase phase : phases) {
            long end = phase.endNanos < 0 ? now : phase.endNanos;
            rows.add(
                    new Row(
                            phase.name,
                            phase.settledNanos < 0
                                    ? -1
                                    : seconds(phase.settledNanos - phase.startNanos),
                            seconds(end - phase.startNanos),
                            phase.latencies.size() + phase.failures,
                            phase.failures,
                            millis(phase.latencies.percentile(0.50)),
                            millis(phase.latencies.percentile(0.99)),
                            millis(phase.latencies.max()),
                            seconds(phase.longestGapNanos)));
        }
        return rows;
    }

    /** The rows as a Markdown table. */
    String table() {
        StringBuilder out = new StringBuilder();
        out.append(
                "| phase | change took (s) | window (s) | appends | failures | p50 (ms) | p99 (ms) | max (ms) | longest leader gap (s) |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Row row : rows()) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %.1f | %d | %d | %.1f | %.1f | %.1f | %.1f |%n",
                            row.phase(),
                            row.settledSeconds() < 0
                                    ? "–"
                                    : String.format(Locale.ROOT, "%.1f", row.settledSeconds()),
                            row.seconds(),
                            row.appends(),
                            row.failures(),
                            row.p50Millis(),
                            row.p99Millis(),
                            row.maxMillis(),
                            row.longestLeaderGapSeconds()));
        }
        return out.toString();
    }

    private void requirePhase() {
        if (current == null) throw new IllegalStateException("no phase has begun");
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
