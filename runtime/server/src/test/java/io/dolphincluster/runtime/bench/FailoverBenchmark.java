package io.dolphincluster.runtime.bench;

import io.dolphincluster.runtime.testkit.ControllerCluster;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * Metadata failover time of a 3-controller group: kill -9 the leader, then time until the next
 * metadata write commits (polling the two survivors every 20 ms). The killed controller is
 * restarted and caught up before the next round.
 *
 * <p>Usage: {@code runtime/scripts/bench.sh FailoverBenchmark [kills]} (default 20).
 */
public final class FailoverBenchmark {
    private static final Duration BOUND = Duration.ofSeconds(60);

    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path root = Files.createTempDirectory("failover-bench");
        double[] millis = new double[kills];
        try (ControllerCluster cluster = ControllerCluster.create(root, 3, Map.of())) {
            cluster.startAll();
            cluster.awaitLeader(BOUND);
            for (int round = 0; round < kills; round++) {
                String leader = cluster.awaitLeader(BOUND, cluster.all());
                ControllerProcess victim = cluster.get(leader);
                List<ControllerProcess> survivors =
                        cluster.all().stream().filter(c -> c != victim).toList();
                long killedAt = System.nanoTime();
                victim.kill();
                int attempt = 0;
                while (!survivors
                        .get(attempt++ % 2)
                        .admin()
                        .putConfig("failover", Integer.toString(round))
                        .ok()) {
                    if (System.nanoTime() - killedAt > BOUND.toNanos())
                        throw new AssertionError("no commit within " + BOUND);
                    Thread.sleep(20);
                }
                millis[round] = (System.nanoTime() - killedAt) / 1e6;
                System.out.printf(
                        Locale.ROOT,
                        "kill %2d: %s killed, next write committed after %.0f ms%n",
                        round + 1,
                        leader,
                        millis[round]);
                victim.start();
                String expected = Integer.toString(round);
                Awaitility.await("restarted " + victim.alias() + " caught up")
                        .atMost(BOUND)
                        .ignoreExceptions()
                        .until(() -> expected.equals(victim.admin().config().get("failover")));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%nfailover over %d kills: p50 %.0f ms, p99 %.0f ms, min %.0f ms, max %.0f ms%n",
                kills,
                Percentiles.of(millis, 0.5),
                Percentiles.of(millis, 0.99),
                Percentiles.of(millis, 0),
                Percentiles.of(millis, 1.0));
    }

    private FailoverBenchmark() {}
}
