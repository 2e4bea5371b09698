package io.dolphincluster.runtime.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code /proc/<pid>/task/<tid>} directories of every thread of some processes, for the
 * per-thread counters the benchmarks read. A process that is gone, or a machine without {@code
 * /proc} (not Linux), has none.
 */
final class ProcessThreads {

    static List<Path> of(List<Long> pids) {
        return pids.stream().flatMap(pid -> of(pid).stream()).toList();
    }

    private static List<Path> of(long pid) {
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return threads.toList();
        } catch (IOException e) {
            return List.of(); // the process is gone, or this is not Linux
        }
    }

    private ProcessThreads() {}
}
