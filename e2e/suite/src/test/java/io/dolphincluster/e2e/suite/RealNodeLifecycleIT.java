package io.dolphincluster.e2e.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dolphincluster.adminapi.AdminRoutes;
import io.dolphincluster.client.DBConnection;
import io.dolphincluster.operator.runtime.ServedCertificate;
import io.dolphincluster.protocol.query.Aggregate;
import io.dolphincluster.protocol.query.Query;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClusterLifecycleIT} on the real-node tier ({@link RealNodesTarget}): the Jib images in
 * containerd + runc under three real kubelets 1.20 on this machine, the operator as the Deployment
 * of {@code manifests/20-operator.yaml} from its own image; the same steps (Ready with a leader,
 * placement, HA writes through a leader pod deletion and a node loss, the page through {@code
 * kubectl port-forward}, deletion), plus what only real nodes show: the Nodes are real kubelets in
 * their zones, the pods run the images in containers on {@code local} volumes, the client Service
 * answers through kube-proxy, a certificate rotation that reaches every port without a pod restart
 * (the kubelet updates Secret volumes in place), a rotation of the cluster CA itself with an
 * overlap of the old and the new CA, and one membership change from {@link ClusterChangesIT}
 * (datanodes 3 to 2, the last drained first) under writes.
 *
 * <p>Needs root, cgroup v1 and {@code e2e/real/prepare.sh}; excluded from {@code mvn verify} unless
 * {@code -Dreal.nodes.exclude=none} (bin/test sets it where the tier can run) or {@code
 * -Dit.test=RealNodeLifecycleIT}. See docs/e2e.md.
 */
class RealNodeLifecycleIT extends ClusterLifecycleIT {
    private static final Logger LOG = LoggerFactory.getLogger(RealNodeLifecycleIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUNTIME_IMAGE = "dolphincluster/dolphin:0.1.0";
    private static final String OPERATOR_IMAGE = "dolphincluster/operator:0.1.0";
    private static final ServedCertificate SERVED = new ServedCertificate(Duration.ofSeconds(5));

    private RealNodesTarget real;

    @Override
    ClusterTarget startTarget(Path work, Path hostsFile) {
        real = RealNodesTarget.start(work, hostsFile, repo);
        return real;
    }

    @Test
    @Order(5)
    void everyNodeIsARealKubeletInItsZone() {
        for (Map.Entry<String, String> entry : RealNodesTarget.THREE_NODES.entrySet()) {
            Node node = client.nodes().withName(entry.getKey()).get();
            assertThat(node.getMetadata().getLabels())
                    .containsEntry("topology.kubernetes.io/zone", entry.getValue())
                    .containsEntry("kubernetes.io/hostname", entry.getKey());
            assertThat(node.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.20.2");
            assertThat(node.getStatus().getNodeInfo().getContainerRuntimeVersion())
                    .startsWith("containerd://1.6");
            assertThat(node.getStatus().getAddresses())
                    .extracting(NodeAddress::getType, NodeAddress::getAddress)
                    .contains(tuple("InternalIP", real.nodes().internalIp(entry.getKey())));
            assertThat(node.getSpec().getTaints())
                    .as("taints of " + entry.getKey())
                    .isNullOrEmpty();
        }
    }

    /**
     * Every pod of the cluster and of the operator runs its image in a containerd container with an
     * IP of its node's pod subnet; every claim got a {@code local} volume on the pod's node; the
     * client Service (a ClusterIP, through kube-proxy's rules) reaches a datanode.
     */
    @Test
    @Order(15)
    void thePodsRunTheImagesInContainersOnLocalVolumes() throws Exception {
        List<Pod> clusterPods = new ArrayList<>(pods("controller"));
        clusterPods.addAll(pods("datanode"));
        assertThat(clusterPods).hasSize(6);
        List<Pod> operatorPods =
                client.pods()
                        .inNamespace(OperatorDeployment.NAMESPACE)
                        .withLabel(OperatorDeployment.NAME_LABEL, OperatorDeployment.NAME)
                        .list()
                        .getItems();
        assertThat(operatorPods).as("operator replicas").hasSize(2);
        for (Pod pod : clusterPods) {
            assertRunsInAContainer(pod, RUNTIME_IMAGE);
        }
        for (Pod pod : operatorPods) {
            assertRunsInAContainer(pod, OPERATOR_IMAGE);
        }
        for (PersistentVolumeClaim claim :
                client.persistentVolumeClaims()
                        .inNamespace(NS)
                        .withLabel(INSTANCE_LABEL, CLUSTER)
                        .list()
                        .getItems()) {
            PersistentVolume volume =
                    client.persistentVolumes().withName(claim.getSpec().getVolumeName()).get();
            assertThat(volume.getSpec().getLocal())
                    .as("a local volume for " + claim.getMetadata().getName())
                    .isNotNull();
        }

        String clusterIp =
                client.services()
                        .inNamespace(NS)
                        .withName(CLUSTER + "-client")
                        .get()
                        .getSpec()
                        .getClusterIP();
        String leader = agreedLeader();
        // A new connection per try: one opened while kube-proxy rewrites its rules can escape them.
        await("the client Service answers (kube-proxy)")
                .atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .untilAsserted(
                        () -> {
                            // asynchronousTask false, useSSL true (TLS is on by default)
                            com.xxdb.DBConnection conn = new com.xxdb.DBConnection(false, true);
                            try {
                                assertThat(
                                                conn.connect(
                                                        clusterIp,
                                                        DATA_PORT,
                                                        "admin",
                                                        adminPassword()))
                                        .isTrue();
                                assertThat(conn.run("getActiveMaster()").getString())
                                        .isEqualTo(leader);
                            } finally {
                                conn.close();
                            }
                        });
    }

    private void assertRunsInAContainer(Pod pod, String image) {
        String name = pod.getMetadata().getName();
        String node = pod.getSpec().getNodeName();
        int subnet = new ArrayList<>(RealNodesTarget.THREE_NODES.keySet()).indexOf(node) + 1;
        assertThat(subnet).as(name + " on a real node").isPositive();
        assertThat(pod.getStatus().getPodIP())
                .as(name + " IP")
                .startsWith("10.244." + subnet + ".");
        assertThat(pod.getStatus().getContainerStatuses().get(0).getContainerID())
                .as(name + " container")
                .startsWith("containerd://");
        assertThat(pod.getStatus().getContainerStatuses().get(0).getImage())
                .as(name + " image")
                .endsWith(image);
    }

    /**
     * Certificate rotation without downtime: the renewal annotation makes the operator issue both
     * roles' certificates again; the kubelet swaps the mounted Secret files in place (its {@code
     * syncFrequency}, 10 s on these nodes) and every TLS port of every pod presents the new
     * certificate to new connections, while no pod restarts and writes (one HA connection) and
     * reads (a new TLS connection each time, data port and HTTP API) all succeed.
     */
    @Test
    @Order(45)
    void certificatesRotateWithoutRestartingAPodOrFailingARequest() throws Exception {
        List<Pod> before = clusterPods();
        Map<String, String> uids = new HashMap<>();
        Map<String, Integer> restarts = new HashMap<>();
        for (Pod pod : before) {
            uids.put(pod.getMetadata().getName(), pod.getMetadata().getUid());
            restarts.put(pod.getMetadata().getName(), restartCount(pod));
        }
        Map<String, BigInteger> issued = secretSerials();
        assertThat(servedSerials())
                .as("every port serves its role's certificate")
                .isEqualTo(expectedServed(issued));

        ingest.start();
        ingest.awaitMoreBatches(10, Duration.ofSeconds(60));
        Instant asked = Instant.now();
        kubectl.run(
                "annotate",
                "dolphincluster",
                CLUSTER,
                "-n",
                NS,
                "--overwrite",
                "dolphincluster.io/renew-certificates=" + asked.toEpochMilli());
        AtomicReference<Map<String, BigInteger>> renewed = new AtomicReference<>();
        await("both TLS Secrets hold a new certificate")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                        () -> {
                            Map<String, BigInteger> now = secretSerials();
                            for (String role : ROLES) {
                                assertThat(now.get(role)).as(role).isNotEqualTo(issued.get(role));
                            }
                            renewed.set(now);
                        });
        Duration toSecrets = Duration.between(asked, Instant.now());
        List<String> readFailures = new CopyOnWriteArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        // No ignoreExceptions: a refused connection or a failed handshake fails the step.
        await("every port of every pod presents the new certificate")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            readThroughNewConnections(readFailures, reads);
                            return servedSerials().equals(expectedServed(renewed.get()));
                        });
        Duration toPods = Duration.between(asked, Instant.now());
        ingest.awaitMoreBatches(10, Duration.ofSeconds(60));
        ingest.stop();
        assertThat(readFailures).as("reads during the rotation").isEmpty();
        ingest.verify(datanodeHost(0), DATA_PORT, adminPassword());

        List<Pod> after = clusterPods();
        assertThat(after).hasSameSizeAs(before);
        for (Pod pod : after) {
            String name = pod.getMetadata().getName();
            assertThat(pod.getMetadata().getUid()).as(name + " uid").isEqualTo(uids.get(name));
            assertThat(restartCount(pod)).as(name + " restarts").isEqualTo(restarts.get(name));
            assertThat(RollObserver.isReady(pod)).as(name + " Ready").isTrue();
        }
        assertThat(eventReasons()).contains("CertificateIssued");
        LOG.info(
                "[real] certificates renewed: Secrets {} s, every port {} s after the annotation;"
                        + " {} reads through new TLS connections, {} batches written",
                toSecrets.toSeconds(),
                toPods.toSeconds(),
                reads.get(),
                ingest.batches());
    }

    /**
     * The cluster CA rotated without downtime: the rotation annotation makes the operator make a
     * new CA ({@code <cluster>-ca-next}), give every pod both CAs (with a certificate of the old),
     * then, once every pod serves that certificate, certificates of the new CA, then the new CA
     * alone; every TLS port of every pod ends serving a certificate the new CA signed, while no pod
     * restarts and writes (one HA connection) and reads (a new TLS connection each time, data port
     * and HTTP API, trusting the CAs the Secrets hold at each handshake, as a client following the
     * cluster's {@code ca.crt} would) all succeed.
     */
    @Test
    @Order(47)
    void theClusterCaRotatesWithoutRestartingAPodOrFailingARequest() throws Exception {
        List<Pod> before = clusterPods();
        Map<String, String> uids = new HashMap<>();
        Map<String, Integer> restarts = new HashMap<>();
        for (Pod pod : before) {
            uids.put(pod.getMetadata().getName(), pod.getMetadata().getUid());
            restarts.put(pod.getMetadata().getName(), restartCount(pod));
        }
        X509Certificate oldCa = tls().ca();

        ingest.start();
        ingest.awaitMoreBatches(10, Duration.ofSeconds(60));
        Instant asked = Instant.now();
        kubectl.run(
                "annotate",
                "dolphincluster",
                CLUSTER,
                "-n",
                NS,
                "--overwrite",
                "dolphincluster.io/rotate-ca=" + asked.toEpochMilli());
        AtomicReference<X509Certificate> newCa = new AtomicReference<>();
        await("the new CA waits in " + CLUSTER + "-ca-next")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            Secret next =
                                    client.secrets()
                                            .inNamespace(NS)
                                            .withName(CLUSTER + "-ca-next")
                                            .get();
                            if (next != null) newCa.set(ClusterCaTrust.certificate(next, "ca.crt"));
                            return next != null;
                        });
        assertThat(newCa.get()).isNotEqualTo(oldCa);
        List<String> readFailures = new CopyOnWriteArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        // No ignoreExceptions: a refused connection or a failed handshake fails the step.
        await("every port of every pod serves a certificate of the new CA, which alone is trusted")
                .atMost(Duration.ofSeconds(300))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            readThroughNewConnections(readFailures, reads);
                            return everyPortServesACertificateOf(newCa.get())
                                    && rotationFinished(newCa.get());
                        });
        Duration toPods = Duration.between(asked, Instant.now());
        ingest.awaitMoreBatches(10, Duration.ofSeconds(60));
        ingest.stop();
        assertThat(readFailures).as("reads during the rotation").isEmpty();
        ingest.verify(datanodeHost(0), DATA_PORT, adminPassword());

        List<Pod> after = clusterPods();
        assertThat(after).hasSameSizeAs(before);
        for (Pod pod : after) {
            String name = pod.getMetadata().getName();
            assertThat(pod.getMetadata().getUid()).as(name + " uid").isEqualTo(uids.get(name));
            assertThat(restartCount(pod)).as(name + " restarts").isEqualTo(restarts.get(name));
            assertThat(RollObserver.isReady(pod)).as(name + " Ready").isTrue();
        }
        assertThat(eventReasons())
                .contains("CaRotationStarted", "CaRotationNewCertificates", "CaRotationFinished");
        LOG.info(
                "[real] CA rotated: every port serves the new CA's certificates and the Secrets"
                        + " trust it alone {} s after the annotation; {} reads through new TLS"
                        + " connections, {} batches written",
                toPods.toSeconds(),
                reads.get(),
                ingest.batches());
    }

    /**
     * Whether every {@code pod:port} presents a certificate {@code ca} signed to a new connection.
     */
    private boolean everyPortServesACertificateOf(X509Certificate ca) throws Exception {
        for (String role : ROLES) {
            for (Pod pod : pods(role)) {
                for (int port : TLS_PORTS.get(role)) {
                    X509Certificate cert = SERVED.at(target.address(pod), port);
                    try {
                        cert.verify(ca.getPublicKey());
                    } catch (java.security.GeneralSecurityException anotherCa) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * {@code <cluster>-ca} holds {@code ca}, no {@code -ca-next} is left, every ca.crt is it alone.
     */
    private boolean rotationFinished(X509Certificate ca) {
        if (client.secrets().inNamespace(NS).withName(CLUSTER + "-ca-next").get() != null) {
            return false;
        }
        Secret current = client.secrets().inNamespace(NS).withName(CLUSTER + "-ca").get();
        if (current == null || !ClusterCaTrust.certificate(current, "ca.crt").equals(ca)) {
            return false;
        }
        for (String role : ROLES) {
            Secret secret =
                    client.secrets().inNamespace(NS).withName(CLUSTER + "-" + role + "-tls").get();
            String pem =
                    new String(
                            java.util.Base64.getDecoder().decode(secret.getData().get("ca.crt")),
                            java.nio.charset.StandardCharsets.US_ASCII);
            if (pem.split("BEGIN CERTIFICATE", -1).length != 2
                    || !ClusterCaTrust.certificate(secret, "ca.crt").equals(ca)) {
                return false;
            }
        }
        return true;
    }

    private static final List<String> ROLES = List.of("controller", "datanode");

    /** The TLS ports of each role: controller HTTP and Raft, datanode data and HTTP. */
    private static final Map<String, List<Integer>> TLS_PORTS =
            Map.of(
                    "controller",
                    List.of(AdminApi.CONTROLLER_PORT, AdminApi.CONTROLLER_PORT + 1000),
                    "datanode",
                    List.of(DATA_PORT, DATA_PORT + 1000));

    private List<Pod> clusterPods() {
        List<Pod> all = new ArrayList<>(pods("controller"));
        all.addAll(pods("datanode"));
        return all;
    }

    private static int restartCount(Pod pod) {
        return pod.getStatus().getContainerStatuses().get(0).getRestartCount();
    }

    /** The serial number of each role's certificate in its TLS Secret. */
    private Map<String, BigInteger> secretSerials() throws Exception {
        Map<String, BigInteger> serials = new HashMap<>();
        for (String role : ROLES) {
            Secret secret =
                    client.secrets().inNamespace(NS).withName(CLUSTER + "-" + role + "-tls").get();
            X509Certificate cert = ClusterCaTrust.certificate(secret, "tls.crt");
            cert.verify(tls().ca().getPublicKey());
            serials.put(role, cert.getSerialNumber());
        }
        return serials;
    }

    /** What every {@code pod:port} should present, given each role's serial. */
    private Map<String, BigInteger> expectedServed(Map<String, BigInteger> serials) {
        Map<String, BigInteger> expected = new TreeMap<>();
        for (String role : ROLES) {
            for (Pod pod : pods(role)) {
                for (int port : TLS_PORTS.get(role)) {
                    expected.put(pod.getMetadata().getName() + ":" + port, serials.get(role));
                }
            }
        }
        return expected;
    }

    /** The serial each {@code pod:port} presents to a new connection now. */
    private Map<String, BigInteger> servedSerials() throws Exception {
        Map<String, BigInteger> served = new TreeMap<>();
        for (String role : ROLES) {
            for (Pod pod : pods(role)) {
                for (int port : TLS_PORTS.get(role)) {
                    X509Certificate cert = SERVED.at(target.address(pod), port);
                    cert.verify(tls().ca().getPublicKey());
                    served.put(pod.getMetadata().getName() + ":" + port, cert.getSerialNumber());
                }
            }
        }
        return served;
    }

    /**
     * A query on a datanode and the leader through the HTTP API, each over a new TLS connection
     * that checks the cluster CA; a failure is recorded, not thrown.
     */
    private void readThroughNewConnections(List<String> failures, AtomicInteger reads) {
        String host = datanodeHost(reads.get() % 3);
        try (DBConnection reader = new DBConnection(tls().clientOptions())) {
            reader.connect(host, DATA_PORT, "admin", adminPassword(), "", false);
            reader.query(Query.from(DB, TABLE).aggregate(Aggregate.Fn.COUNT, null));
            reads.incrementAndGet();
        } catch (RuntimeException e) {
            failures.add(host + ": " + e);
        }
        try {
            AdminApi.getOverNewConnection(
                    tls(), readyControllerIp(), AdminRoutes.LEADER, adminPassword());
            reads.incrementAndGet();
        } catch (RuntimeException | AssertionError e) {
            failures.add("GET /api/leader: " + e);
        }
    }

    /**
     * From {@link ClusterChangesIT}: a membership change under writes. The last datanode is drained
     * (its chunk replicas copied to the others), its pod and claim removed and the controllers
     * forget it; no acknowledged row is lost.
     */
    @Test
    @Order(55)
    void datanodesShrinkFromThreeToTwoAfterTheLastIsDrained() throws Exception {
        String removed = CLUSTER + "-datanode-2";
        ingest.start();
        ingest.awaitMoreBatches(10, Duration.ofSeconds(60));
        Instant patched = Instant.now();
        kubectl.run(
                "patch",
                "dolphincluster",
                CLUSTER,
                "-n",
                NS,
                "--type",
                "merge",
                "-p",
                "{\"spec\":{\"datanodes\":{\"replicas\":2}}}");
        await("settled at 2 datanodes")
                .atMost(READY_DEADLINE)
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .failFast(
                        "a pod of the cluster keeps crashing",
                        () -> CrashLoops.check(client, kubectl, NS, INSTANCE_LABEL, CLUSTER))
                .untilAsserted(
                        () -> {
                            ClusterState state = state();
                            assertThat(state.specDatanodes()).isEqualTo(2);
                            assertThat(state.settled()).as(state.summary()).isTrue();
                        });
        LOG.info(
                "[real] datanodes 3 to 2 settled {} s after the patch",
                Duration.between(patched, Instant.now()).toSeconds());
        await("every chunk has 2 in-sync replicas, none on " + removed)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .untilAsserted(
                        () -> {
                            JsonNode chunks =
                                    AdminApi.get(
                                                    tls(),
                                                    readyControllerIp(),
                                                    AdminRoutes.CHUNKS,
                                                    adminPassword())
                                            .path("chunks");
                            assertThat(chunks.size()).isPositive();
                            for (JsonNode chunk : chunks) {
                                List<String> nodes = new ArrayList<>();
                                for (JsonNode replica : chunk.path("replicas")) {
                                    assertThat(replica.path("inSync").asBoolean())
                                            .as(chunk.toString())
                                            .isTrue();
                                    nodes.add(replica.path("node").asText());
                                }
                                assertThat(nodes)
                                        .as(chunk.toString())
                                        .hasSize(2)
                                        .doesNotContain(removed);
                            }
                        });
        await(removed + " forgotten: no claim, not in /api/nodes")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .untilAsserted(
                        () -> {
                            assertThat(
                                            client.persistentVolumeClaims()
                                                    .inNamespace(NS)
                                                    .withName("data-" + removed)
                                                    .get())
                                    .isNull();
                            List<String> aliases = new ArrayList<>();
                            AdminApi.get(
                                            tls(),
                                            readyControllerIp(),
                                            AdminRoutes.NODES,
                                            adminPassword())
                                    .path("nodes")
                                    .forEach(n -> aliases.add(n.path("alias").asText()));
                            assertThat(aliases)
                                    .doesNotContain(removed)
                                    .contains(CLUSTER + "-datanode-0");
                        });
        ingest.awaitMoreBatches(10, Duration.ofSeconds(60));
        ingest.stop();
        ingest.verify(datanodeHost(0), DATA_PORT, adminPassword());
        assertThat(eventReasons()).contains("DatanodeDraining", "DatanodeForgotten");
    }

    private ClusterState state() {
        GenericKubernetesResource resource =
                client.genericKubernetesResources("dolphincluster.io/v1alpha1", "DolphinCluster")
                        .inNamespace(NS)
                        .withName(CLUSTER)
                        .get();
        if (resource == null) throw new IllegalStateException("no DolphinCluster " + CLUSTER);
        return ClusterState.of(JSON.valueToTree(resource));
    }

    private Set<String> eventReasons() throws Exception {
        Set<String> reasons = new HashSet<>();
        for (JsonNode event :
                JSON.readTree(kubectl.run("get", "events", "-n", NS, "-o", "json")).path("items")) {
            JsonNode involved = event.path("involvedObject");
            if ("DolphinCluster".equals(involved.path("kind").asText())
                    && CLUSTER.equals(involved.path("name").asText())) {
                reasons.add(event.path("reason").asText());
            }
        }
        return reasons;
    }
}
