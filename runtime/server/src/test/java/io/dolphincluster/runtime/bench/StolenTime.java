package io.dolphincluster.runtime.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The machine's CPU time as {@code /proc/stat} counts it, to see how much of a benchmark round the
 * hypervisor took: on a virtual machine whose host runs other guests, "steal" is time a virtual CPU
 * wanted to run and was not let. A round with steal measured a busier host, not the system under
 * test; a comparison is fair only between rounds with little of it.
 */
record StolenTime(long stealTicks, long totalTicks) {

    private static final Path PROC_STAT = Path.of("/proc/stat");

    /** Now; zeros where there is no {@code /proc/stat} (not Linux). */
    static StolenTime now() {
        if (!Files.isReadable(PROC_STAT)) {
            return new StolenTime(0, 0);
        }
        try (var lines = Files.lines(PROC_STAT)) {
            return parse(lines.findFirst().orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * From {@code /proc/stat}'s first line: {@code cpu user nice system idle iowait irq softirq
     * steal guest guest_nice}; guest time is already counted in user time, so it is left out.
     */
    static StolenTime parse(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        if (fields.length < 9 || !fields[0].equals("cpu")) {
            throw new IllegalArgumentException("not /proc/stat's cpu line: " + cpuLine);
        }
        long[] ticks = Arrays.stream(fields, 1, 9).mapToLong(Long::parseLong).toArray();
        return new StolenTime(ticks[7], Arrays.stream(ticks).sum());
    }

    /** The share of all CPU time from {@code earlier} to this one that was stolen, in percent. */
    double percentSince(StolenTime earlier) {
        long total = totalTicks - earlier.totalTicks;
        return total <= 0 ? 0 : 100.0 * (stealTicks - earlier.stealTicks) / total;
    }
}
