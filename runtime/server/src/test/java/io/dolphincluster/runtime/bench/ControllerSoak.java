package io.dolphincluster.runtime.bench;

import io.dolphincluster.runtime.testkit.ControllerProcess;
import io.dolphincluster.runtime.testkit.Credentials;
import io.dolphincluster.runtime.testkit.DataCluster;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Soak of the controller group under its everyday load: three controllers and three real datanodes
 * (on 127.0.0.1-3, heartbeating to the leader every second) and a steady stream of metadata writes
 * ({@code PUT /api/config/{key}}, open loop at a fixed rate). Counts the elections and leader
 * changes while it runs: with no fault injected, every one of them is spurious.
 *
 * <p>Usage: {@code runtime/scripts/bench.sh ControllerSoak [seconds] [writesPerSecond]
 * [key=value,... for controller.cfg]}, defaults {@code 600 100} and the shipped defaults. Exits
 * with status 1 when an election was seen.
 */
public final class ControllerSoak {
    private static final Duration START_BOUND = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final int VALUE_SIZE = 128;
    private static final Duration DRAIN = Duration.ofSeconds(30);

    public static void main(String[] args) throws Exception {
        Duration length = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 600);
        int perSecond = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Map<String, String> settings = ControllerSettings.parse(args.length > 2 ? args[2] : "");
        Path root = Files.createTempDirectory("controller-soak");
        System.out.printf(
                Locale.ROOT,
                "soak: %d s, %d writes/s of %d B, 3 controllers %s, 3 datanodes; files in %s%n",
                length.toSeconds(),
                perSecond,
                VALUE_SIZE,
                settings.isEmpty() ? "(shipped defaults)" : settings,
                root);
        boolean spurious;
        try (DataCluster cluster = DataCluster.create(root, 3, settings, 1, 1, 1)) {
            cluster.startAll(START_BOUND);
            List<ControllerProcess> controllers = cluster.controllers().all();
            List<URI> urls =
                    controllers.stream().map(c -> URI.create("http://" + c.site())).toList();
            SteadyWrites.Outcome writes;
            LeaderWatch watch = LeaderWatch.start(controllers, POLL);
            try (watch;
                    KvTarget target =
                            new ControllerKvTarget(
                                    urls,
                                    Credentials.member(
                                            "soak", cluster.controllers().credential()))) {
                writes = new SteadyWrites(target, perSecond, VALUE_SIZE, DRAIN).run(length);
            }
            report(watch, writes);
            spurious = watch.elections() > 0 || watch.leaderChanges() > 0;
        }
        if (spurious) System.exit(1);
    }

    private static void report(LeaderWatch watch, SteadyWrites.Outcome writes) {
        for (LeaderWatch.Change change : watch.changes()) {
            System.out.printf(
                    Locale.ROOT,
                    "%s term %d, leader %s%n",
                    change.at(),
                    change.term(),
                    change.leader());
        }
        double[] ms = writes.latenciesMillis();
        System.out.printf(
                Locale.ROOT,
                "%nwrites: %d sent, %d committed, %d failed; %.1f committed/s over %.0f s%n",
                writes.sent(),
                ms.length,
                writes.failed(),
                writes.perSecond(),
                writes.seconds());
        if (ms.length > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "write latency ms: p50 %.1f, p99 %.1f, max %.1f%n",
                    Percentiles.of(ms, 0.5),
                    Percentiles.of(ms, 0.99),
                    Percentiles.of(ms, 1.0));
        }
        System.out.printf(
                Locale.ROOT,
                "elections (term growth): %d; leader changes seen: %d; status polls failed: %d%n",
                watch.elections(),
                watch.leaderChanges(),
                watch.pollFailures());
        watch.pollFailureCauses()
                .forEach((cause, count) -> System.out.printf("  %d x %s%n", count, cause));
    }

    private ControllerSoak() {}
}
