package io.dolphincluster.runtime.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How long the threads of some processes waited for a CPU, and how many times they were given one,
 * from {@code /proc/<pid>/task/<tid>/schedstat} ({@code <ns on a CPU> <ns waiting on a run queue>
 * <slices run>}). A write handed from thread to thread is woken once per hand-off, and on a busy
 * machine each wake-up may wait for a core: the two figures per write show how much of a system's
 * latency is spent queued for a CPU rather than working. Threads that end between two readings take
 * their counts with them. Zeros where there is no {@code /proc} (not Linux).
 */
record RunQueueTime(long waitNanos, long slices) {

    static RunQueueTime of(List<Long> pids) {
        return ProcessThreads.of(pids).stream()
                .map(RunQueueTime::ofThread)
                .reduce(zero(), RunQueueTime::plus);
    }

    private static RunQueueTime ofThread(Path thread) {
        try {
            return parse(Files.readString(thread.resolve("schedstat")));
        } catch (IOException e) {
            return zero(); // the thread ended meanwhile, or the kernel keeps no schedstat
        }
    }

    /** A {@code schedstat} line: three numbers, the second and third of which are kept. */
    static RunQueueTime parse(String schedstat) {
        String[] fields = schedstat.trim().split("\\s+");
        if (fields.length != 3) {
            throw new IllegalArgumentException("not a schedstat line: " + schedstat);
        }
        return new RunQueueTime(Long.parseLong(fields[1]), Long.parseLong(fields[2]));
    }

    RunQueueTime minus(RunQueueTime earlier) {
        return new RunQueueTime(waitNanos - earlier.waitNanos, slices - earlier.slices);
    }

    private RunQueueTime plus(RunQueueTime other) {
        return new RunQueueTime(waitNanos + other.waitNanos, slices + other.slices);
    }

    private static RunQueueTime zero() {
        return new RunQueueTime(0, 0);
    }
}
