package io.dolphincluster.e2e.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.dolphincluster.adminapi.AdminRoutes;
import io.dolphincluster.e2e.harness.LocalControlPlane;
import io.dolphincluster.e2e.harness.real.RealNodes;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real-node tier: the runtime image, built offline by {@code e2e/real/prepare.sh}, in real
 * containers (containerd 1.6 + runc) on three real kubelets 1.20 on this machine ({@link
 * RealNodes}), against the harness's control plane. Unlike the process kubelet, this runs the
 * image's own filesystem, user (65532), entrypoint and JVM, pod networking on per-node CNI bridges,
 * cluster DNS names (a dnsmasq stand-in), ClusterIP Services through kube-proxy's iptables rules,
 * and volumes that are directories owned by root like a fresh disk.
 *
 * <p>The operator runs from its own image, deployed by {@code manifests/20-operator.yaml}.
 *
 * <p>Not in the default {@code mvn verify} (it needs root, cgroup v1 and the prepared images, and
 * costs minutes): {@code -Dit.test=RealNodeIT}, see docs/e2e.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealNodeIT {
    private static final Logger LOG = LoggerFactory.getLogger(RealNodeIT.class);
    private static final String NS = "default";
    private static final String SYSTEM_NS = "dolphincluster-system";
    private static final Duration POD_READY = Duration.ofMinutes(3);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path repo =
            Path.of(System.getProperty("dolphin.repo", "../..")).toAbsolutePath().normalize();
    private final Map<String, String> nodeZones = new LinkedHashMap<>();
    private LocalControlPlane plane;
    private RealNodes nodes;
    private KubernetesClient client;
    private Kubectl kubectl;
    private Path work;

    @BeforeAll
    void startPlaneAndNodes() throws Exception {
        work =
                Files.createDirectories(
                        Path.of(System.getProperty("dolphin.e2e.dir", "target/e2e"))
                                .toAbsolutePath()
                                .resolve("real-nodes"));
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
        nodeZones.put("real-a", "zone-a");
        nodeZones.put("real-b", "zone-b");
        nodeZones.put("real-c", "zone-c");
        Instant start = Instant.now();
        plane = LocalControlPlane.start(RealNodes.planeOptions());
        Instant planeUp = Instant.now();
        try {
            nodes =
                    RealNodes.start(
                            plane,
                            RealNodes.Options.of(
                                    nodeZones, RealNodes.images(runtimeImage, operatorImage)));
        } catch (RuntimeException e) {
            plane.close();
            throw e;
        }
        client = plane.client();
        kubectl = new Kubectl(plane.kubeconfig());
        LOG.info(
                "[real] plane up in {} s, {} real nodes Ready {} s later",
                Duration.between(start, planeUp).toSeconds(),
                nodeZones.size(),
                Duration.between(planeUp, Instant.now()).toSeconds());
    }

    @AfterAll
    void stopEverything() {
        try {
            if (nodes != null) {
                copyLogs();
                nodes.close();
            }
        } finally {
            if (plane != null) plane.close();
        }
    }

    @Test
    @Order(1)
    void everyNodeIsARealKubeletInItsZone() {
        for (Map.Entry<String, String> entry : nodeZones.entrySet()) {
            Node node = client.nodes().withName(entry.getKey()).get();
            assertThat(node.getMetadata().getLabels())
                    .containsEntry("topology.kubernetes.io/zone", entry.getValue())
                    .containsEntry("kubernetes.io/hostname", entry.getKey());
            assertThat(node.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.20.2");
            assertThat(node.getStatus().getNodeInfo().getContainerRuntimeVersion())
                    .startsWith("containerd://1.6");
            assertThat(node.getStatus().getAddresses())
                    .extracting(NodeAddress::getType, NodeAddress::getAddress)
                    .contains(tuple("InternalIP", nodes.internalIp(entry.getKey())));
            assertThat(node.getSpec().getTaints())
                    .as("taints of " + entry.getKey())
                    .isNullOrEmpty();
        }
    }

    /**
     * One controller from the runtime image, pinned to the second node: its name (hostname +
     * subdomain of a headless Service) resolves through cluster DNS inside the pod, the kubelet's
     * readiness probe passes, and this JVM gets answers on the pod IP and through a ClusterIP
     * Service (kube-proxy's rules).
     */
    @Test
    @Order(2)
    void aRuntimePodAnswersOnItsHealthPort() throws Exception {
        kubectl.apply(
                """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: solo, namespace: default}
                data:
                  controller.cfg: |
                    localSite=c0.solo.default.svc:8900:controller1
                    dfsReplicationFactor=1
                  cluster.nodes: |
                    localSite,mode
                    c0.solo.default.svc:8900:controller1,controller
                  cluster.cfg: ""
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: solo-secret, namespace: default}
                stringData: {cluster.secret: "real-node-test-secret-0123456789"}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: solo, namespace: default}
                spec:
                  clusterIP: None
                  publishNotReadyAddresses: true
                  selector: {app: solo}
                  ports: [{name: http, port: 8900}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: solo-http, namespace: default}
                spec:
                  selector: {app: solo}
                  ports: [{name: http, port: 80, targetPort: 8900}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: solo, namespace: default, labels: {app: solo}}
                spec:
                  hostname: c0
                  subdomain: solo
                  nodeSelector: {kubernetes.io/hostname: real-b}
                  containers:
                  - name: controller
                    image: dolphincluster/dolphin:0.1.0
                    args: [-console, "1", -mode, controller, -home, /data, -config, /etc/dolphin/controller.cfg,
                           -clusterConfig, /etc/dolphin/cluster.cfg, -logFile, /data/log/controller.log,
                           -nodesFile, /etc/dolphin/cluster.nodes]
                    ports: [{containerPort: 8900}]
                    readinessProbe: {httpGet: {path: /api/ready, port: 8900}, periodSeconds: 2}
                    volumeMounts:
                    - {name: config, mountPath: /etc/dolphin}
                    - {name: data, mountPath: /data}
                  volumes:
                  - name: config
                    projected: {sources: [{configMap: {name: solo}}, {secret: {name: solo-secret}}]}
                  - {name: data, emptyDir: {}}
                """);
        Instant applied = Instant.now();
        Pod pod =
                client.pods()
                        .inNamespace(NS)
                        .withName("solo")
                        .waitUntilCondition(
                                p -> p != null && Readiness.isPodReady(p),
                                POD_READY.toSeconds(),
                                TimeUnit.SECONDS);
        LOG.info(
                "[real] pod solo Ready {} s after kubectl apply, IP {} on {}",
                Duration.between(applied, Instant.now()).toSeconds(),
                pod.getStatus().getPodIP(),
                pod.getSpec().getNodeName());

        assertThat(pod.getSpec().getNodeName()).isEqualTo("real-b");
        assertThat(pod.getStatus().getPodIP()).startsWith("10.244.2.");
        assertThat(pod.getStatus().getContainerStatuses().get(0).getContainerID())
                .startsWith("containerd://");
        assertThat(pod.getStatus().getContainerStatuses().get(0).getImage())
                .endsWith("dolphincluster/dolphin:0.1.0");
        assertThat(get("http://" + pod.getStatus().getPodIP() + ":8900/api/health"))
                .contains("\"UP\"");
        assertThat(get("http://" + pod.getStatus().getPodIP() + ":8900/api/ready"))
                .contains("\"ready\":true");

        // A new connection per try: one opened while kube-proxy rewrites its rules can escape them,
        // and this
        // machine's network answers any HTTP request to an unknown address with 404; a pooled one
        // would stay there.
        String clusterIp =
                client.services()
                        .inNamespace(NS)
                        .withName("solo-http")
                        .get()
                        .getSpec()
                        .getClusterIP();
        await("the ClusterIP Service answers (kube-proxy)")
                .atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .untilAsserted(
                        () ->
                                assertThat(
                                                getOnNewConnection(
                                                        "http://"
                                                                + clusterIp
                                                                + AdminRoutes.HEALTH.path()))
                                        .contains("\"alias\":\"controller1\"", "\"UP\""));
        assertThat(Files.readString(nodes.jvmHostsFile()))
                .contains(pod.getStatus().getPodIP() + " c0.solo.default.svc.cluster.local");
    }

    /**
     * The operator as {@code manifests/} deploy it (its image, two replicas electing a leader
     * through a Lease, its ServiceAccount reaching the API server through the {@code kubernetes}
     * Service), then the sample cluster ({@code manifests/cluster.yaml}: 3 controllers, 3
     * datanodes, RF 2, level 1).
     */
    @Test
    @Order(3)
    void theOperatorFromItsManifestsRunsTheSampleCluster() throws Exception {
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
        kubectl.run("apply", "-f", repo.resolve("manifests/20-operator.yaml").toString());
        Instant deployed = Instant.now();
        await("an operator pod holds the Lease")
                .atMost(Duration.ofMinutes(3))
                .ignoreExceptions()
                .failFast(
                        "an operator pod keeps crashing",
                        () ->
                                noPodCrashLooping(
                                        SYSTEM_NS,
                                        "app.kubernetes.io/name",
                                        "dolphincluster-operator"))
                .untilAsserted(
                        () ->
                                assertThat(
                                                client.leases()
                                                        .inNamespace(SYSTEM_NS)
                                                        .withName("dolphincluster-operator")
                                                        .get()
                                                        .getSpec()
                                                        .getHolderIdentity())
                                        .startsWith("dolphincluster-operator-"));
        LOG.info(
                "[real] operator Deployment leading {} s after kubectl apply",
                Duration.between(deployed, Instant.now()).toSeconds());

        Instant applied = Instant.now();
        kubectl.run("apply", "-f", repo.resolve("manifests/cluster.yaml").toString());
        await("kubectl get dolphinclusters shows demo Running")
                .atMost(Duration.ofMinutes(4))
                .ignoreExceptions()
                .failFast(
                        "a pod of the cluster keeps crashing",
                        () -> noPodCrashLooping(NS, "app.kubernetes.io/instance", "demo"))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(
                        () -> {
                            Kubectl.ClusterRow row = kubectl.getDolphinCluster(NS, "demo");
                            assertThat(row.controllers()).isEqualTo("3/3");
                            assertThat(row.datanodes()).isEqualTo("3/3");
                            assertThat(row.phase()).isEqualTo("Running");
                        });
        Kubectl.ClusterRow row = kubectl.getDolphinCluster(NS, "demo");
        LOG.info(
                "[real] sample cluster Running {} s after kubectl apply; leader {}",
                Duration.between(applied, Instant.now()).toSeconds(),
                row.leader());
        assertThat(row.leader()).startsWith("demo-controller-");

        List<Pod> pods =
                client.pods()
                        .inNamespace(NS)
                        .withLabel("app.kubernetes.io/instance", "demo")
                        .list()
                        .getItems();
        for (String role : List.of("controller", "datanode")) {
            assertThat(
                            pods.stream()
                                    .filter(
                                            p ->
                                                    role.equals(
                                                            p.getMetadata()
                                                                    .getLabels()
                                                                    .get(
                                                                            "app.kubernetes.io/component")))
                                    .map(p -> p.getSpec().getNodeName())
                                    .distinct())
                    .as(role + "s on distinct nodes")
                    .hasSize(3);
        }
        for (PersistentVolumeClaim claim :
                client.persistentVolumeClaims().inNamespace(NS).list().getItems()) {
            PersistentVolume volume =
                    client.persistentVolumes().withName(claim.getSpec().getVolumeName()).get();
            assertThat(volume.getSpec().getLocal())
                    .as("a local volume for " + claim.getMetadata().getName())
                    .isNotNull();
        }
    }

    /**
     * Fails with the pod's last log lines once a container of the pods labelled so has restarted
     * three times.
     */
    private void noPodCrashLooping(String namespace, String label, String value) throws Exception {
        for (Pod pod :
                client.pods().inNamespace(namespace).withLabel(label, value).list().getItems()) {
            if (pod.getStatus().getContainerStatuses() == null) continue;
            for (var status : pod.getStatus().getContainerStatuses()) {
                if (status.getRestartCount() >= 3) {
                    throw new AssertionError(
                            pod.getMetadata().getName()
                                    + " on "
                                    + pod.getSpec().getNodeName()
                                    + " restarted "
                                    + status.getRestartCount()
                                    + " times; its last log lines:\n"
                                    + lastLogLines(pod, status.getName()));
                }
            }
        }
    }

    private String lastLogLines(Pod pod, String container) throws Exception {
        Path dir =
                nodes.podLogDir(pod.getSpec().getNodeName())
                        .resolve(
                                pod.getMetadata().getNamespace()
                                        + "_"
                                        + pod.getMetadata().getName()
                                        + "_"
                                        + pod.getMetadata().getUid())
                        .resolve(container);
        try (var logs = Files.exists(dir) ? Files.list(dir) : Stream.<Path>empty()) {
            Path newest =
                    logs.max(Comparator.comparingLong(p -> p.toFile().lastModified())).orElse(null);
            if (newest == null) return "(no log in " + dir + ")";
            List<String> lines =
                    Files.readAllLines(newest).stream().filter(l -> !l.contains("\tat ")).toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        }
    }

    private static String getOnNewConnection(String url) throws Exception {
        HttpClient http =
                HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(2))
                        .build(); // its own pool
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(5))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + url).isEqualTo(200);
        return response.body();
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(5))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + url).isEqualTo(200);
        return response.body();
    }

    /**
     * Pod logs, kubelet and containerd logs of every node into target/e2e/real-nodes (the plane's
     * dir goes).
     */
    private void copyLogs() {
        for (String node : nodes.nodeNames()) {
            Path into = work.resolve(node);
            for (String file : List.of("kubelet.log", "containerd.log")) {
                copy(nodes.nodeDir(node).resolve(file), into.resolve(file));
            }
            Path pods = nodes.podLogDir(node);
            try (var tree = Files.exists(pods) ? Files.walk(pods) : Stream.<Path>empty()) {
                tree.filter(Files::isRegularFile)
                        .forEach(f -> copy(f, into.resolve("pods").resolve(pods.relativize(f))));
            } catch (Exception e) {
                LOG.warn("[real] cannot copy the pod logs of {}: {}", node, e.toString());
            }
        }
        copy(nodes.dir().resolve("dns/dnsmasq.log"), work.resolve("dnsmasq.log"));
        copy(nodes.dir().resolve("dns/hosts"), work.resolve("dns-hosts"));
        copy(nodes.dir().resolve("kube-proxy/kube-proxy.log"), work.resolve("kube-proxy.log"));
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
