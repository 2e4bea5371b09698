package io.dolphincluster.runtime.launcher;

import java.util.Properties;

/**
 * At least two threads in the JVM's common pool. With fewer (the JDK gives it one less than the
 * CPUs, so one on a 2-CPU machine or container), {@code CompletableFuture} runs every async stage
 * that names no executor on a new thread of its own. Ratis' follower chains each appendEntries onto
 * the previous one that way ({@code raft.server.log.append-entries.compose.enabled}, on by
 * default), so a follower started a hundred threads a second under a metadata write load (a JFR
 * profile, docs/benchmarks.md). An explicit {@code
 * -Djava.util.concurrent.ForkJoinPool.common.parallelism} wins.
 */
final class CommonPoolPolicy {
    static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";
    static final int MIN_PARALLELISM = 2;

    private CommonPoolPolicy() {}

    /** Applies the policy to this JVM; call it before anything uses the common pool. */
    static void apply() {
        apply(System.getProperties(), Runtime.getRuntime().availableProcessors());
    }

    static void apply(Properties system, int processors) {
        if (system.getProperty(PARALLELISM) == null && processors - 1 < MIN_PARALLELISM) {
            system.setProperty(PARALLELISM, Integer.toString(MIN_PARALLELISM));
        }
    }
}
