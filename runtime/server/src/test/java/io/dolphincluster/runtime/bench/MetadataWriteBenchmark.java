package io.dolphincluster.runtime.bench;

import io.dolphincluster.runtime.testkit.ControllerCluster;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import io.dolphincluster.runtime.testkit.Credentials;
import io.dolphincluster.runtime.testkit.Directories;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Metadata writes of the 3-controller Raft group beside a 3-member etcd cluster on the same
 * machine, in the same run: same value size, same concurrency, both over HTTP/1.1 JSON to the
 * leader by the same lean client ({@link LeanHttp}: on two cores the JDK's HttpClient took as much
 * CPU per write as etcd), both fsyncing. Each configuration runs {@code rounds} times, alternating
 * which system goes first; the median round by throughput is reported, with the CPU time the three
 * members of each system used per write.
 *
 * <p>Before each configuration's rounds each system takes {@code warmup} unmeasured writes at that
 * configuration's concurrency: a controller's JVM compiles a write path only after about ten
 * thousand requests that take it, and a lone write takes other paths than a batch of writes, so
 * without it a configuration's first rounds measure the JIT at work, not a controller that has run
 * for a while. etcd gets the same writes.
 *
 * <p>Usage: {@code runtime/scripts/bench.sh MetadataWriteBenchmark [concurrencies] [valueSize]
 * [ops] [rounds] [warmup]}, defaults {@code 1,8,32 128 2000 3 20000}.
 */
public final class MetadataWriteBenchmark {

    public static void main(String[] args) throws Exception {
        int[] concurrencies =
                java.util.Arrays.stream((args.length > 0 ? args[0] : "1,8,32").split(","))
                        .mapToInt(Integer::parseInt)
                        .toArray();
        int valueSize = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int ops = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 20_000;
        Path root = Files.createTempDirectory("metadata-bench");
        try (ControllerCluster controllers =
                        ControllerCluster.create(root.resolve("controllers"), 3, Map.of());
                EtcdCluster etcd =
                        EtcdCluster.start(root.resolve("etcd"), Duration.ofSeconds(60))) {
            controllers.startAll();
            controllers.awaitLeader(Duration.ofSeconds(60));

            List<Long> controllerPids =
                    controllers.all().stream().map(ControllerProcess::pid).toList();
            List<Long> etcdPids = etcd.pids();

            System.out.printf(
                    Locale.ROOT,
                    "value %d bytes, %d warm-up writes per system before each concurrency;%n"
                            + "%d measured ops per round after %d warm-up ops, median of %d rounds;%n"
                            + "cpu = CPU time of all three members per write, the round's warm-up included;%n"
                            + "steal = the machine's CPU time the hypervisor took during the round"
                            + " (a round with steal measured a busier host);%n"
                            + "jit = CPU time of the members' JIT compiler threads during the round;%n"
                            + "slices, queue ms = times the members' threads were given a CPU, and time"
                            + " they waited for one, per write%n%n",
                    valueSize,
                    warmup,
                    ops,
                    ops,
                    rounds);
            System.out.printf(
                    Locale.ROOT,
                    "%-12s %5s %s %8s %8s %8s %8s%n",
                    "system",
                    "conc",
                    LoadResult.tableHeader(),
                    "cpu ms",
                    "steal %",
                    "slices",
                    "queue ms");
            for (int concurrency : concurrencies) {
                if (warmup > 0) {
                    try (KvTarget controller = controllerTarget(controllers);
                            KvTarget etcdTarget = etcdTarget(etcd)) {
                        warmUp(controller, concurrency, valueSize, warmup);
                        warmUp(etcdTarget, concurrency, valueSize, warmup);
                    }
                }
                LoadPlan plan =
                        new LoadPlan(concurrency, valueSize, ops, ops, Duration.ofMinutes(5));
                List<Measured> ours = new ArrayList<>();
                List<Measured> theirs = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    try (KvTarget controller = controllerTarget(controllers);
                            KvTarget etcdTarget = etcdTarget(etcd)) {
                        if (round % 2 == 0) {
                            ours.add(Measured.run(plan, controller, controllerPids));
                            theirs.add(Measured.run(plan, etcdTarget, etcdPids));
                        } else {
                            theirs.add(Measured.run(plan, etcdTarget, etcdPids));
                            ours.add(Measured.run(plan, controller, controllerPids));
                        }
                    }
                }
                Measured ourMedian = median(ours);
                Measured theirMedian = median(theirs);
                System.out.printf(
                        Locale.ROOT,
                        "%-12s %5d %s %8.2f %8.1f %8.1f %8.2f%n",
                        "controllers",
                        concurrency,
                        ourMedian.load(),
                        ourMedian.cpuMillisPerOp(),
                        ourMedian.stealPercent(),
                        ourMedian.slicesPerOp(),
                        ourMedian.queueMillisPerOp());
                System.out.printf(
                        Locale.ROOT,
                        "%-12s %5d %s %8.2f %8.1f %8.1f %8.2f%n",
                        "etcd 3.4",
                        concurrency,
                        theirMedian.load(),
                        theirMedian.cpuMillisPerOp(),
                        theirMedian.stealPercent(),
                        theirMedian.slicesPerOp(),
                        theirMedian.queueMillisPerOp());
                System.out.printf(
                        Locale.ROOT,
                        "%-12s %5d   throughput x%.2f, p99 x%.2f, cpu x%.2f%n",
                        "ratio",
                        concurrency,
                        ourMedian.load().opsPerSecond() / theirMedian.load().opsPerSecond(),
                        ourMedian.load().p99Millis() / theirMedian.load().p99Millis(),
                        ourMedian.cpuMillisPerOp() / theirMedian.cpuMillisPerOp());
                System.out.printf(
                        Locale.ROOT,
                        "%-12s %5d   every round, in order: controllers %s, etcd %s%n",
                        "steal %",
                        concurrency,
                        byRound(ours, m -> String.format(Locale.ROOT, "%.1f", m.stealPercent())),
                        byRound(theirs, m -> String.format(Locale.ROOT, "%.1f", m.stealPercent())));
                System.out.printf(
                        Locale.ROOT,
                        "%-12s %5d   every round, in order: controllers %s%n",
                        "jit ms",
                        concurrency,
                        byRound(ours, m -> Long.toString(m.compilerMillis())));
            }
        } finally {
            // Hundreds of MB of data; nothing in it is read afterwards.
            Directories.deleteRecursively(root);
        }
    }

    /** The leader now, written to with the lean client, as etcd is. */
    private static KvTarget controllerTarget(ControllerCluster controllers) {
        String leader = controllers.awaitLeader(Duration.ofSeconds(60));
        return LeanKvTarget.controller(
                URI.create("http://" + controllers.get(leader).site()),
                Credentials.member("bench", controllers.credential()));
    }

    private static KvTarget etcdTarget(EtcdCluster etcd) {
        return LeanKvTarget.etcd(EtcdKvTarget.findLeader(etcd.clientUrls()));
    }

    /** Unmeasured writes (the generator logs any that fail). */
    private static void warmUp(KvTarget target, int concurrency, int valueSize, int writes) {
        new LoadGenerator(new LoadPlan(concurrency, valueSize, writes, 1, Duration.ofMinutes(5)))
                .run(target);
    }

    private static String byRound(List<Measured> rounds, Function<Measured, String> figure) {
        return rounds.stream().map(figure).collect(Collectors.joining(" / "));
    }

    /**
     * One run's load figures, the CPU its target's processes used per write (warm-up included), the
     * share of the machine's CPU time the hypervisor took meanwhile, the CPU time the processes'
     * JIT compilers used, and per write the times their threads were given a CPU and the time they
     * waited for one.
     */
    private record Measured(
            LoadResult load,
            double cpuMillisPerOp,
            double stealPercent,
            long compilerMillis,
            double slicesPerOp,
            double queueMillisPerOp) {
        static Measured run(LoadPlan plan, KvTarget target, List<Long> pids) {
            Duration before = cpu(pids);
            Duration compilingBefore = CompilerTime.of(pids);
            RunQueueTime queuedBefore = RunQueueTime.of(pids);
            StolenTime stolenBefore = StolenTime.now();
            LoadResult load = new LoadGenerator(plan).run(target);
            double stealPercent = StolenTime.now().percentSince(stolenBefore);
            RunQueueTime queued = RunQueueTime.of(pids).minus(queuedBefore);
            long compilerMillis = CompilerTime.of(pids).minus(compilingBefore).toMillis();
            double cpuMillis = cpu(pids).minus(before).toNanos() / 1e6;
            int writes = plan.warmupOps() + plan.measuredOps();
            return new Measured(
                    load,
                    cpuMillis / writes,
                    stealPercent,
                    compilerMillis,
                    (double) queued.slices() / writes,
                    queued.waitNanos() / 1e6 / writes);
        }

        private static Duration cpu(List<Long> pids) {
            return pids.stream()
                    .map(
                            pid ->
                                    ProcessHandle.of(pid)
                                            .flatMap(p -> p.info().totalCpuDuration())
                                            .orElseThrow(
                                                    () ->
                                                            new IllegalStateException(
                                                                    "no CPU time for pid " + pid)))
                    .reduce(Duration.ZERO, Duration::plus);
        }
    }

    private static Measured median(List<Measured> results) {
        List<Measured> sorted =
                results.stream()
                        .sorted(Comparator.comparingDouble(m -> m.load().opsPerSecond()))
                        .toList();
        return sorted.get(sorted.size() / 2);
    }

    private MetadataWriteBenchmark() {}
}
