package io.dolphincluster.e2e.suite;

import io.dolphincluster.e2e.harness.Directories;
import io.dolphincluster.e2e.harness.Kubeconfig;
import io.dolphincluster.e2e.harness.LocalControlPlane;
import io.dolphincluster.e2e.harness.SimulatedNodes;
import io.dolphincluster.e2e.harness.kubelet.HostsFile;
import io.dolphincluster.e2e.harness.kubelet.ProcessKubelet;
import io.dolphincluster.operator.model.Defaults;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A real Kubernetes 1.20 control plane on this machine (e2e/harness), simulated Nodes (by default
 * four in two zones) whose pods the {@link ProcessKubelet} runs as processes, and the operator as
 * its own JVM with the ServiceAccount's token. Both {@link #RUNTIME_IMAGE} and {@link
 * #NEXT_RUNTIME_IMAGE} map to the distribution Maven built, so changing a cluster's image is a real
 * pod-template change that still runs. Pods are reached on their loopback pod IPs; the kubelet's
 * hosts file is the one this JVM resolves through.
 */
final class LocalTarget implements ClusterTarget {
    static final String RUNTIME_IMAGE = Defaults.IMAGE;

    /** Another name for the same distribution: what a cluster is rolled to in an image change. */
    static final String NEXT_RUNTIME_IMAGE = "dolphincluster/dolphin:0.1.1";

    private static final String SYSTEM_NS = "dolphincluster-system";

    /** Node name to zone: four nodes in two zones. */
    static final Map<String, String> FOUR_NODES =
            Map.of(
                    "node-a1", "zone-a", "node-a2", "zone-a", "node-b1", "zone-b", "node-b2",
                    "zone-b");

    /** Node name to zone: six nodes in three zones, room for five controllers on distinct nodes. */
    static final Map<String, String> SIX_NODES =
            Map.of(
                    "node-a1", "zone-a", "node-a2", "zone-a", "node-b1", "zone-b", "node-b2",
                    "zone-b", "node-c1", "zone-c", "node-c2", "zone-c");

    private final Path work;
    private final HostsFile hosts;
    private final LocalControlPlane plane;
    private final SimulatedNodes nodes;
    private final ProcessKubelet kubelet;
    private final Kubectl kubectl;
    private Path operatorKubeconfig;
    private OperatorProcess operator;

    private LocalTarget(
            Path work,
            HostsFile hosts,
            LocalControlPlane plane,
            SimulatedNodes nodes,
            ProcessKubelet kubelet) {
        this.work = work;
        this.hosts = hosts;
        this.plane = plane;
        this.nodes = nodes;
        this.kubelet = kubelet;
        this.kubectl = new Kubectl(plane.kubeconfig());
    }

    /** Starts the plane with {@code nodes} (name to zone), all run by one process kubelet. */
    static LocalTarget start(Path work, Path hostsFile, Map<String, String> nodeZones)
            throws Exception {
        Path distribution =
                Path.of(
                                System.getProperty(
                                        "dolphin.distribution",
                                        "../../runtime/server/target/dolphin"))
                        .toAbsolutePath()
                        .normalize();
        if (!Files.isExecutable(distribution.resolve("bin/dolphin"))) {
            throw new IllegalStateException(
                    distribution + "/bin/dolphin is missing: run 'mvn package' first");
        }
        deleteEarlierRuns(work);
        HostsFile hosts = new HostsFile(hostsFile);
        LocalControlPlane plane = LocalControlPlane.start(LocalControlPlane.Options.defaults());
        SimulatedNodes nodes = null;
        try {
            nodes = new SimulatedNodes(plane.client());
            ProcessKubelet kubelet =
                    new ProcessKubelet(
                                    plane.client(),
                                    nodes,
                                    work.resolve("kubelet-" + System.currentTimeMillis()),
                                    hosts)
                            .withImage(RUNTIME_IMAGE, "/opt/dolphin", distribution)
                            .withImage(NEXT_RUNTIME_IMAGE, "/opt/dolphin", distribution);
            new TreeMap<>(nodeZones).forEach(kubelet::addNode);
            kubelet.start();
            return new LocalTarget(work, hosts, plane, nodes, kubelet);
        } catch (RuntimeException | IOException e) {
            if (nodes != null) nodes.close();
            plane.close();
            throw e;
        }
    }

    /**
     * Kubelet directories (pod logs, volumes) of earlier runs; the last one is kept until the next
     * run for reading.
     */
    private static void deleteEarlierRuns(Path work) throws IOException {
        try (Stream<Path> earlier = Files.list(work)) {
            earlier.filter(p -> p.getFileName().toString().startsWith("kubelet-"))
                    .forEach(Directories::deleteTree);
        }
    }

    @Override
    public KubernetesClient client() {
        return plane.client();
    }

    @Override
    public Kubectl kubectl() {
        return kubectl;
    }

    @Override
    public void installOperator(Path repo) throws Exception {
        kubectl.run("apply", "-f", repo.resolve("manifests/00-namespace.yaml").toString());
        kubectl.run(
                "apply",
                "-f",
                repo.resolve("crds/dolphinclusters.dolphincluster.io-v1.yml").toString());
        kubectl.run("apply", "-f", repo.resolve("manifests/10-rbac.yaml").toString());
        kubectl.run(
                "wait",
                "--for=condition=Established",
                "--timeout=60s",
                "crd/dolphinclusters.dolphincluster.io");
        // manifests/20-operator.yaml is not applied: its image is not mapped here; the same JVM,
        // environment
        // and ServiceAccount run as a process instead.
        operatorKubeconfig = writeServiceAccountKubeconfig();
        startOperator();
    }

    @Override
    public boolean operatorAlive() {
        return operator != null && operator.isAlive();
    }

    @Override
    public void killOperator() {
        if (operator == null) throw new IllegalStateException("the operator was never started");
        operator.kill();
    }

    /**
     * A new operator JVM, appending to the same log; the old one must be gone (it would hold the
     * lease).
     */
    @Override
    public void startOperator() throws IOException {
        if (operator != null && operator.isAlive()) {
            throw new IllegalStateException("the operator still runs as pid " + operator.pid());
        }
        operator =
                OperatorProcess.start(
                        operatorKubeconfig, SYSTEM_NS, hosts.path(), work.resolve("operator.log"));
    }

    @Override
    public String address(Pod pod) {
        return pod.getStatus().getPodIP();
    }

    /** The process kubelet serves no kubelet API (logs, exec, port-forward). */
    @Override
    public boolean servesPortForward() {
        return false;
    }

    /** Read from the kubelet's log file of the pod; Ratis' DEBUG and election lines left out. */
    @Override
    public String lastLogLines(Pod pod, int lines) {
        Optional<Path> file =
                kubelet.logFile(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        if (file.isEmpty()) return "(no process started)";
        try (Stream<String> all = Files.lines(file.get(), StandardCharsets.UTF_8)) {
            List<String> kept =
                    all.filter(
                                    line ->
                                            !line.contains(" DEBUG ")
                                                    && !line.contains("LeaderElection"))
                            .toList();
            return String.join("\n", kept.subList(Math.max(0, kept.size() - lines), kept.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(" + file.get() + " not readable: " + e + ")";
        }
    }

    @Override
    public void killNode(String node) {
        kubelet.killNode(node);
    }

    @Override
    public void reviveNode(String node) {
        kubelet.reviveNode(node);
    }

    private Path writeServiceAccountKubeconfig() throws IOException {
        return Kubeconfig.forServiceAccount(
                plane.client(),
                plane.serverUrl(),
                SYSTEM_NS,
                "dolphincluster-operator",
                work.resolve("operator-kubeconfig"),
                Duration.ofSeconds(60));
    }

    @Override
    public void close() {
        try {
            if (operator != null) operator.close();
        } finally {
            try {
                kubelet.close();
                nodes.close();
            } finally {
                plane.close();
            }
        }
    }
}
