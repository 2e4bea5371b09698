package io.dolphincluster.runtime.bench;

import io.dolphincluster.runtime.testkit.ControllerCluster;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Metadata writes of the 3-controller Raft group beside a 3-member etcd cluster on the same machine, in
 * the same run: same value size, same concurrency, both over HTTP/1.1 JSON to the leader, both fsyncing.
 * Each configuration runs {@code rounds} times, alternating which system goes first; the median round
 * by throughput is reported.
 *
 * <p>Usage: {@code runtime/scripts/bench.sh MetadataWriteBenchmark [concurrencies] [valueSize] [ops] [rounds]},
 * defaults {@code 1,8,32 128 2000 3}.
 */
public final class MetadataWriteBenchmark {

    public static void main(String[] args) throws Exception {
        int[] concurrencies = java.util.Arrays.stream((args.length > 0 ? args[0] : "1,8,32").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int valueSize = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int ops = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path root = Files.createTempDirectory("metadata-bench");
        try (ControllerCluster controllers = ControllerCluster.create(root.resolve("controllers"), 3, Map.of());
             EtcdCluster etcd = EtcdCluster.start(root.resolve("etcd"), Duration.ofSeconds(60))) {
            controllers.startAll();
            controllers.awaitLeader(Duration.ofSeconds(60));
            List<URI> controllerUrls = controllers.all().stream()
                    .map(ControllerProcess::site).map(site -> URI.create("http://" + site)).toList();

            System.out.printf(Locale.ROOT, "value %d bytes, %d measured ops per round (+%d warm-up), median of %d rounds%n%n",
                    valueSize, ops, ops / 10, rounds);
            System.out.printf(Locale.ROOT, "%-12s %5s %s%n", "system", "conc", LoadResult.tableHeader());
            for (int concurrency : concurrencies) {
                LoadPlan plan = new LoadPlan(concurrency, valueSize, ops / 10, ops, Duration.ofMinutes(5));
                List<LoadResult> ours = new ArrayList<>();
                List<LoadResult> theirs = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    try (KvTarget controller = new ControllerKvTarget(controllerUrls);
                         KvTarget etcdTarget = EtcdKvTarget.toLeaderOf(etcd.clientUrls())) {
                        if (round % 2 == 0) {
                            ours.add(new LoadGenerator(plan).run(controller));
                            theirs.add(new LoadGenerator(plan).run(etcdTarget));
                        } else {
                            theirs.add(new LoadGenerator(plan).run(etcdTarget));
                            ours.add(new LoadGenerator(plan).run(controller));
                        }
                    }
                }
                LoadResult ourMedian = median(ours);
                LoadResult theirMedian = median(theirs);
                System.out.printf(Locale.ROOT, "%-12s %5d %s%n", "controllers", concurrency, ourMedian);
                System.out.printf(Locale.ROOT, "%-12s %5d %s%n", "etcd 3.4", concurrency, theirMedian);
                System.out.printf(Locale.ROOT, "%-12s %5d   throughput x%.2f, p99 x%.2f%n", "ratio", concurrency,
                        ourMedian.opsPerSecond() / theirMedian.opsPerSecond(), ourMedian.p99Millis() / theirMedian.p99Millis());
            }
        }
    }

    private static LoadResult median(List<LoadResult> results) {
        List<LoadResult> sorted = results.stream().sorted(Comparator.comparingDouble(LoadResult::opsPerSecond)).toList();
        return sorted.get(sorted.size() / 2);
    }

    private MetadataWriteBenchmark() {}
}
