package io.dolphincluster.e2e.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dolphincluster.e2e.harness.LocalControlPlane;
import io.dolphincluster.e2e.harness.real.RealNodes;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real-node tier as a {@link ClusterTarget}: the harness's control plane and three real nodes
 * on this machine ({@link RealNodes}: containerd 1.6 + runc under real kubelets 1.20, one per zone)
 * running the Jib images that {@code e2e/real/prepare.sh} built; the operator is the Deployment of
 * {@code manifests/20-operator.yaml} from its own image. Pods are reached on their pod IPs (every
 * node's pod subnet is a route of this machine); the cluster's DNS names resolve in this JVM
 * through the hosts file it was started with, which the DNS stand-in keeps. A node is killed by
 * SIGKILL to its kubelet and every container, and revived by starting its kubelet again. Needs root
 * and cgroup v1.
 *
 * <p>{@link #close} copies the kubelet, containerd and pod logs to {@code <work>/real-nodes/}
 * before the plane's directory goes.
 */
final class RealNodesTarget implements ClusterTarget {
    private static final Logger LOG = LoggerFactory.getLogger(RealNodesTarget.class);

    /** Node name to zone, in order: node {@code i} has the pod subnet {@code 10.244.i.0/24}. */
    static final Map<String, String> THREE_NODES = threeNodes();

    private final Path logs;
    private final LocalControlPlane plane;
    private final RealNodes nodes;
    private final Kubectl kubectl;
    private final OperatorDeployment operator;

    private RealNodesTarget(Path logs, LocalControlPlane plane, RealNodes nodes) {
        this.logs = logs;
        this.plane = plane;
        this.nodes = nodes;
        this.kubectl = new Kubectl(plane.kubeconfig());
        this.operator = new OperatorDeployment(kubectl);
    }

    /**
     * Starts the plane and the nodes, which import the images ({@code dolphin.runtime.image},
     * {@code dolphin.operator.image}: by default the Jib archives in {@code repo}), and returns
     * once every Node is Ready.
     */
    static RealNodesTarget start(Path work, Path hostsFile, Path repo) {
        Path runtimeImage =
                Path.of(
                        System.getProperty(
                                "dolphin.runtime.image",
                                repo.resolve("runtime/server/target/jib-image.tar").toString()));
        Path operatorImage =
                Path.of(
                        System.getProperty(
                                "dolphin.operator.image",
                                repo.resolve("operator/target/jib-image.tar").toString()));
        Instant start = Instant.now();
        LocalControlPlane plane = LocalControlPlane.start(RealNodes.planeOptions());
        Instant planeUp = Instant.now();
        RealNodes nodes;
        try {
            nodes =
                    RealNodes.start(
                            plane,
                            RealNodes.Options.of(
                                            THREE_NODES,
                                            RealNodes.images(runtimeImage, operatorImage))
                                    .withJvmHostsFile(hostsFile));
        } catch (RuntimeException e) {
            plane.close();
            throw e;
        }
        LOG.info(
                "[real] plane up in {} s, {} real nodes Ready {} s later",
                Duration.between(start, planeUp).toSeconds(),
                THREE_NODES.size(),
                Duration.between(planeUp, Instant.now()).toSeconds());
        return new RealNodesTarget(work.resolve("real-nodes"), plane, nodes);
    }

    private static Map<String, String> threeNodes() {
        Map<String, String> nodes = new LinkedHashMap<>();
        nodes.put("real-a", "zone-a");
        nodes.put("real-b", "zone-b");
        nodes.put("real-c", "zone-c");
        return Collections.unmodifiableMap(nodes);
    }

    /** The real nodes, for what only this tier can check (kubelet versions, addresses). */
    RealNodes nodes() {
        return nodes;
    }

    @Override
    public KubernetesClient client() {
        return plane.client();
    }

    @Override
    public Kubectl kubectl() {
        return kubectl;
    }

    /**
     * {@code manifests/} applied unchanged, the operator's image on the real nodes; returns once a
     * replica holds the leader-election Lease (fails at once if an operator pod crash-loops).
     */
    @Override
    public void installOperator(Path repo) {
        Instant applied = Instant.now();
        operator.install(repo);
        await("an operator pod holds the Lease")
                .atMost(Duration.ofMinutes(3))
                .ignoreExceptions()
                .failFast(
                        "an operator pod keeps crashing",
                        () ->
                                CrashLoops.check(
                                        client(),
                                        kubectl,
                                        OperatorDeployment.NAMESPACE,
                                        OperatorDeployment.NAME_LABEL,
                                        OperatorDeployment.NAME))
                .untilAsserted(
                        () ->
                                assertThat(
                                                client().leases()
                                                        .inNamespace(OperatorDeployment.NAMESPACE)
                                                        .withName(OperatorDeployment.NAME)
                                                        .get()
                                                        .getSpec()
                                                        .getHolderIdentity())
                                        .startsWith(OperatorDeployment.NAME + "-"));
        LOG.info(
                "[real] operator Deployment leading {} s after kubectl apply",
                Duration.between(applied, Instant.now()).toSeconds());
    }

    @Override
    public boolean operatorAlive() {
        return operator.alive();
    }

    @Override
    public void killOperator() {
        operator.kill();
    }

    @Override
    public void startOperator() {
        operator.awaitAvailable();
    }

    @Override
    public String address(Pod pod) {
        return pod.getStatus().getPodIP();
    }

    @Override
    public void killNode(String node) {
        nodes.killNode(node);
    }

    @Override
    public void reviveNode(String node) {
        nodes.reviveNode(node);
    }

    @Override
    public void close() {
        try {
            copyLogs();
            nodes.close();
        } finally {
            plane.close();
        }
    }

    private void copyLogs() {
        for (String node : nodes.nodeNames()) {
            Path into = logs.resolve(node);
            try (Stream<Path> files = Files.list(nodes.nodeDir(node))) {
                files.filter(
                                f ->
                                        f.getFileName()
                                                .toString()
                                                .matches("(kubelet|containerd).*\\.log"))
                        .forEach(f -> copy(f, into.resolve(f.getFileName())));
            } catch (Exception e) {
                LOG.warn("[real] cannot list the logs of {}: {}", node, e.toString());
            }
            Path pods = nodes.podLogDir(node);
            try (Stream<Path> tree = Files.exists(pods) ? Files.walk(pods) : Stream.empty()) {
                tree.filter(Files::isRegularFile)
                        .forEach(f -> copy(f, into.resolve("pods").resolve(pods.relativize(f))));
            } catch (Exception e) {
                LOG.warn("[real] cannot copy the pod logs of {}: {}", node, e.toString());
            }
        }
        for (String file : List.of("dns/dnsmasq.log", "dns/hosts", "kube-proxy/kube-proxy.log")) {
            copy(nodes.dir().resolve(file), logs.resolve(Path.of(file).getFileName()));
        }
    }

    private static void copy(Path from, Path to) {
        try {
            if (Files.isRegularFile(from)) {
                Files.createDirectories(to.getParent());
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (Exception e) {
            LOG.warn("[real] cannot copy {}: {}", from, e.toString());
        }
    }
}
