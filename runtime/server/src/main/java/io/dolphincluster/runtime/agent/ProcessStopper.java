package io.dolphincluster.runtime.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops process trees the way a service manager does: SIGTERM to every process (the roots and their
 * descendants, listed before anything is signalled so none is missed once its parent is gone), a
 * grace period, then SIGKILL to whatever still runs. Every wait has a deadline.
 */
final class ProcessStopper {
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private ProcessStopper() {}

    /** The outcome: whether SIGKILL was needed, and whether every process is gone. */
    record Outcome(boolean killed, boolean allGone) {}

    static Outcome stop(Collection<ProcessHandle> roots, Duration grace)
            throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle root : roots) {
            all.add(root);
            root.descendants().forEach(all::add);
        }
        all.forEach(ProcessHandle::destroy);
        boolean gone = awaitExit(all, grace);
        if (gone) return new Outcome(false, true);
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        return new Outcome(true, awaitExit(all, KILL_WAIT));
    }

    private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle process : processes) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return processes.stream().noneMatch(ProcessHandle::isAlive);
            try {
                process.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                // onExit only fails if the process cannot be watched; check liveness below
            }
        }
        return processes.stream().noneMatch(ProcessHandle::isAlive);
    }
}
