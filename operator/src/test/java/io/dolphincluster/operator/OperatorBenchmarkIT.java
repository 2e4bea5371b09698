package io.dolphincluster.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.management.OperatingSystemMXBean;
import io.dolphincluster.e2e.harness.LocalControlPlane;
import io.dolphincluster.e2e.harness.LocalControlPlaneExtension;
import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.operator.model.DolphinClusterSpec;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 200 DolphinClusters on a real API server: time to reconcile them all from a cold start, heap and
 * RSS of the JVM running the operator, and the cost of one steady-state resync round (which must
 * write nothing). Opt-in: {@code -Dbenchmark=true}; figures go to target/benchmark.txt and
 * docs/benchmarks.md.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class OperatorBenchmarkIT {
    private static final int CLUSTERS = Integer.getInteger("benchmark.clusters", 200);
    private static final String NS = "bench";

    @RegisterExtension
    static final LocalControlPlaneExtension KUBE =
            new LocalControlPlaneExtension(LocalControlPlane.Options.apiServerOnly());

    @Test
    void reconcilesTwoHundredClusters() throws IOException {
        KubernetesClient client = KUBE.client();
        try (InputStream crd =
                new FileInputStream("../crds/dolphinclusters.dolphincluster.io-v1.yml")) {
            client.apiextensions().v1().customResourceDefinitions().load(crd).serverSideApply();
        }
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () ->
                                client
                                        .apiextensions()
                                        .v1()
                                        .customResourceDefinitions()
                                        .withName("dolphinclusters.dolphincluster.io")
                                        .get()
                                        .getStatus()
                                        .getConditions()
                                        .stream()
                                        .anyMatch(
                                                c ->
                                                        "Established".equals(c.getType())
                                                                && "True".equals(c.getStatus())));
        client.namespaces()
                .resource(
                        new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .create();
        for (int i = 0; i < CLUSTERS; i++) {
            DolphinCluster cluster = new DolphinCluster();
            cluster.setMetadata(
                    new ObjectMetaBuilder().withName("c" + i).withNamespace(NS).build());
            cluster.setSpec(new DolphinClusterSpec());
            client.resource(cluster).create();
        }

        ReconcileCounter reconciles = new ReconcileCounter();
        OperatingSystemMXBean os =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (KubernetesClient operatorClient = KUBE.plane().newClient()) {
            long cpuAtStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            Operator operator =
                    DolphinOperator.create(
                            operatorClient,
                            OperatorSettings.forTests(Set.of(NS)),
                            o -> o.withMetrics(reconciles));
            operator.start();
            try {
                await().atMost(Duration.ofMinutes(10))
                        .pollInterval(Duration.ofMillis(500))
                        .until(
                                () ->
                                        client
                                                        .resources(DolphinCluster.class)
                                                        .inNamespace(NS)
                                                        .list()
                                                        .getItems()
                                                        .stream()
                                                        .filter(
                                                                c ->
                                                                        c.getStatus() != null
                                                                                && c.getStatus()
                                                                                                .getObservedGeneration()
                                                                                        != null)
                                                        .count()
                                                == CLUSTERS);
                Duration coldStart = Duration.ofNanos(System.nanoTime() - start);
                long coldCpu = os.getProcessCpuTime() - cpuAtStart;
                System.gc();
                long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                long rss = rssBytes();

                Map<String, String> versions = resourceVersions(client);
                int before = total(reconciles);
                long cpuBefore = os.getProcessCpuTime();
                long windowStart = System.nanoTime();
                await().atMost(Duration.ofMinutes(5))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> total(reconciles) - before >= CLUSTERS);
                Duration window = Duration.ofNanos(System.nanoTime() - windowStart);
                long resyncCpu = os.getProcessCpuTime() - cpuBefore;
                int resyncReconciles = total(reconciles) - before;
                Map<String, String> versionsAfter = resourceVersions(client);

                String report =
                        String.format(
                                "clusters=%d%ncold start: all reconciled with status in %d ms, JVM CPU %d ms%n"
                                        + "after GC: heap used %d MiB, RSS %d MiB (whole test JVM: operator, test client, JUnit)%n"
                                        + "steady-state resync: %d reconciles in %d ms of wall time, JVM CPU %d ms (%.2f ms per reconcile)%n"
                                        + "resources changed by the resync: %d%n",
                                CLUSTERS,
                                coldStart.toMillis(),
                                coldCpu / 1_000_000,
                                heap >> 20,
                                rss >> 20,
                                resyncReconciles,
                                window.toMillis(),
                                resyncCpu / 1_000_000,
                                resyncCpu / 1e6 / resyncReconciles,
                                versions.entrySet().stream()
                                        .filter(
                                                e ->
                                                        !e.getValue()
                                                                .equals(
                                                                        versionsAfter.get(
                                                                                e.getKey())))
                                        .count());
                System.out.print(report);
                Files.writeString(Path.of("target/benchmark.txt"), report);
                assertThat(versionsAfter).isEqualTo(versions);
            } finally {
                operator.stop();
            }
        }
    }

    private static int total(ReconcileCounter reconciles) {
        int sum = 0;
        for (int i = 0; i < CLUSTERS; i++) {
            sum += reconciles.finished("c" + i);
        }
        return sum;
    }

    /**
     * resourceVersion of every object in the namespace, the clusters and what the operator made.
     */
    private static Map<String, String> resourceVersions(KubernetesClient client) {
        List<io.fabric8.kubernetes.api.model.HasMetadata> all = new java.util.ArrayList<>();
        all.addAll(client.resources(DolphinCluster.class).inNamespace(NS).list().getItems());
        all.addAll(client.configMaps().inNamespace(NS).list().getItems());
        all.addAll(client.services().inNamespace(NS).list().getItems());
        all.addAll(client.secrets().inNamespace(NS).list().getItems());
        all.addAll(client.apps().statefulSets().inNamespace(NS).list().getItems());
        return all.stream()
                .collect(
                        Collectors.toMap(
                                o -> o.getKind() + "/" + o.getMetadata().getName(),
                                o -> o.getMetadata().getResourceVersion()));
    }

    private static long rssBytes() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
                .findFirst()
                .orElse(-1L);
    }
}
