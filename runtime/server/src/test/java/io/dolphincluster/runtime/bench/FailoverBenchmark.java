package io.dolphincluster.runtime.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Metadata failover time of the 3-controller group and of a 3-member etcd cluster, side by side in
 * one run: kill -9 the leader, then time until the next write commits (a new attempt every 20 ms,
 * to the two survivors in turn). The killed member is restarted and caught up before the next
 * round. Rounds alternate which system goes first, so neither always runs on a machine still busy
 * with the other's recovery.
 *
 * <p>Usage: {@code runtime/scripts/bench.sh FailoverBenchmark [kills] [systems] [key=value,...]}
 * (default 20 kills of each; systems {@code controllers,etcd}, or one of them; the last argument
 * adds lines to the controllers' {@code controller.cfg}, such as other election timeouts). etcd
 * needs {@code apt-get install -y etcd-server}.
 */
public final class FailoverBenchmark {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final long RETRY_MILLIS = 20;

    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<String> systems = List.of((args.length > 1 ? args[1] : "controllers,etcd").split(","));
        Map<String, String> controllerSettings =
                ControllerSettings.parse(args.length > 2 ? args[2] : "");
        Path root = Files.createTempDirectory("failover-bench");
        System.out.printf(
                Locale.ROOT,
                "%d kills of each of %s; controllers %s; files in %s%n",
                kills,
                systems,
                controllerSettings.isEmpty() ? "with the shipped defaults" : controllerSettings,
                root);
        Map<String, FailoverSubject> subjects = new LinkedHashMap<>();
        Map<String, double[]> millis = new LinkedHashMap<>();
        try {
            for (String system : systems) {
                subjects.put(system, start(system, root.resolve(system), controllerSettings));
                millis.put(system, new double[kills]);
            }
            List<FailoverSubject> order = List.copyOf(subjects.values());
            for (int round = 0; round < kills; round++) {
                for (int i = 0; i < order.size(); i++) {
                    FailoverSubject subject = order.get((i + round) % order.size());
                    millis.get(subject.name())[round] = failOver(subject, round);
                }
            }
        } finally {
            for (FailoverSubject subject : subjects.values()) {
                subject.close();
            }
        }
        System.out.printf(Locale.ROOT, "%nfailover over %d kills each (ms):%n", kills);
        System.out.printf(
                Locale.ROOT, "%-12s %7s %7s %7s %7s%n", "system", "p50", "p99", "min", "max");
        millis.forEach(
                (name, sample) ->
                        System.out.printf(
                                Locale.ROOT,
                                "%-12s %7.0f %7.0f %7.0f %7.0f%n",
                                name,
                                Percentiles.of(sample, 0.5),
                                Percentiles.of(sample, 0.99),
                                Percentiles.of(sample, 0),
                                Percentiles.of(sample, 1.0)));
    }

    private static FailoverSubject start(
            String system, Path dir, Map<String, String> controllerSettings) throws Exception {
        return switch (system) {
            case "controllers" -> ControllerFailover.start(dir, BOUND, controllerSettings);
            case "etcd" -> EtcdFailover.start(dir, BOUND);
            default ->
                    throw new IllegalArgumentException(
                            "unknown system '" + system + "': expected controllers or etcd");
        };
    }

    /**
     * One kill: the milliseconds from SIGKILL of the leader to the next committed write. A new
     * attempt starts every 20 ms whether or not the earlier ones have answered (an etcd put sent
     * while there is no leader waits out its deadline; a controller answers 503 at once), and the
     * first to commit ends the clock, so neither system is timed by its client's deadline.
     */
    private static double failOver(FailoverSubject subject, int round) throws Exception {
        String value = Integer.toString(round);
        String victim = subject.killLeader();
        long killedAt = System.nanoTime();
        AtomicLong committedAt = new AtomicLong();
        CountDownLatch committed = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> attempts = new ArrayList<>();
        for (int attempt = 0; committed.getCount() > 0; attempt++) {
            if (System.nanoTime() - killedAt > BOUND.toNanos()) {
                throw new AssertionError(subject.name() + ": no commit within " + BOUND);
            }
            attempts.add(
                    subject.write(attempt, value)
                            .whenComplete(
                                    (ok, never) -> {
                                        if (Boolean.TRUE.equals(ok)
                                                && committedAt.compareAndSet(0, System.nanoTime()))
                                            committed.countDown();
                                    }));
            committed.await(RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
        // none left writing into the revival or the next round
        CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).join();
        double millis = (committedAt.get() - killedAt) / 1e6;
        System.out.printf(
                Locale.ROOT,
                "kill %2d %-11s %s killed, next write committed after %.0f ms%n",
                round + 1,
                subject.name() + ":",
                victim,
                millis);
        subject.reviveVictim(value);
        return millis;
    }

    private FailoverBenchmark() {}
}
