package io.dolphincluster.runtime.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The CPU time the JIT compiler threads of some JVMs have used, from {@code /proc/<pid>/task}: a
 * round during which a controller still compiled measured the JIT as well as the controller. Zero
 * where there is no {@code /proc} (not Linux).
 */
final class CompilerTime {

    /** Clock ticks per second of {@code /proc}'s CPU times ({@code getconf CLK_TCK}). */
    private static final long TICKS_PER_SECOND = 100;

    static Duration of(List<Long> pids) {
        long ticks = ProcessThreads.of(pids).stream().mapToLong(CompilerTime::compilerTicks).sum();
        return Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
    }

    private static long compilerTicks(Path thread) {
        try {
            return compilerTicks(Files.readString(thread.resolve("stat")));
        } catch (IOException e) {
            return 0; // the thread ended meanwhile
        }
    }

    /**
     * utime + stime of a {@code /proc/<pid>/task/<tid>/stat} line if its thread is one of HotSpot's
     * compiler threads, else 0: {@code C1 CompilerThre} and {@code C2 CompilerThre} up to JDK 25,
     * {@code C1 Comp..hread0} on JDK 27, which shortens a long name in its middle. The name sits
     * between the first "(" and the last ")" and may hold spaces.
     */
    static long compilerTicks(String statLine) {
        String name = statLine.substring(statLine.indexOf('(') + 1, statLine.lastIndexOf(')'));
        if (!name.startsWith("C1 Comp") && !name.startsWith("C2 Comp")) {
            return 0;
        }
        String[] fields = statLine.substring(statLine.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private CompilerTime() {}
}
