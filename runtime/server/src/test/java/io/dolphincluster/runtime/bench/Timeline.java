package io.dolphincluster.runtime.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Each measured operation's wall-clock start and latency, one file per measured phase, when the
 * system property {@code bench.timeline} names a directory (for lining slow writes up with GC and
 * process logs, which carry wall-clock times). Without it nothing is written.
 *
 * <p>A file is {@code <n>-<target>-<concurrency>.tsv}, {@code n} counting the phases of the run;
 * each line is {@code <start, epoch ms> <latency, µs>}, or {@code failed} for the latency of an
 * operation that did not succeed, in the order the operations were started.
 */
final class Timeline {
    private static final AtomicInteger PHASES = new AtomicInteger();

    private final Path directory;

    private Timeline(Path directory) {
        this.directory = directory;
    }

    static Timeline fromSystemProperty() {
        String dir = System.getProperty("bench.timeline");
        return new Timeline(dir == null || dir.isBlank() ? null : Path.of(dir));
    }

    /**
     * Writes a measured phase's operations; warm-up phases and a run without a directory are
     * skipped.
     */
    void record(
            String target,
            String phase,
            int concurrency,
            AtomicLongArray startMillis,
            AtomicLongArray latencyNanos) {
        if (directory == null || !phase.equals("measured")) return;
        Path file =
                directory.resolve(
                        PHASES.incrementAndGet() + "-" + target + "-" + concurrency + ".tsv");
        try {
            Files.createDirectories(directory);
            try (PrintWriter out =
                    new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
                for (int i = 0; i < startMillis.length(); i++) {
                    if (startMillis.get(i) == 0) continue; // never started (time limit)
                    long latency = latencyNanos.get(i);
                    out.println(
                            startMillis.get(i)
                                    + "\t"
                                    + (latency < 0 ? "failed" : String.valueOf(latency / 1000)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }
}
