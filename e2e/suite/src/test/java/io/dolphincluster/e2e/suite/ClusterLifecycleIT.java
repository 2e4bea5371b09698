package io.dolphincluster.e2e.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dolphincluster.client.DBConnection;
import io.dolphincluster.e2e.harness.LocalControlPlane;
import io.dolphincluster.e2e.harness.SimulatedNodes;
import io.dolphincluster.e2e.harness.kubelet.HostsFile;
import io.dolphincluster.e2e.harness.kubelet.ProcessKubelet;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * The promise of the design card, on a real Kubernetes 1.20 control plane whose four nodes (two zones) run
 * pods as local processes: {@code kubectl apply} of {@code manifests/} and the sample {@code cluster.yaml},
 * the operator as its own JVM under the manifests' ServiceAccount, and then, on one cluster in order:
 * Ready with a leader shown by {@code kubectl get dolphinclusters}; pods and chunk replicas on distinct
 * machines; HA writes across the loss of the leader controller pod; HA writes across the loss of a whole
 * node; deletion of the resource removing all it created.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterLifecycleIT {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterLifecycleIT.class);
    private static final String NS = "default";
    private static final String SYSTEM_NS = "dolphincluster-system";
    private static final String CLUSTER = "demo";
    private static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
    private static final String COMPONENT_LABEL = "app.kubernetes.io/component";
    private static final String DB = "dfs://e2e";
    private static final String TABLE = "events";
    private static final String FIRST_TABLE = "first";
    private static final int DATA_PORT = 8921;
    private static final Duration READY_DEADLINE = Duration.ofMinutes(4);
    private static final Map<String, String> NODES = Map.of("node-a1", "zone-a", "node-a2", "zone-a",
            "node-b1", "zone-b", "node-b2", "zone-b");

    private final Path repo = Path.of(System.getProperty("dolphin.repo", "../..")).toAbsolutePath().normalize();
    private final Instant suiteStart = Instant.now();
    private LocalControlPlane plane;
    private SimulatedNodes nodes;
    private ProcessKubelet kubelet;
    private OperatorProcess operator;
    private Kubectl kubectl;
    private KubernetesClient client;
    private Ingest ingest;

    @BeforeAll
    void startPlaneNodesAndOperator() throws Exception {
        Path distribution = Path.of(System.getProperty("dolphin.distribution", "../../runtime/server/target/dolphin"));
        if (!Files.isExecutable(distribution.resolve("bin/dolphin"))) {
            throw new IllegalStateException(distribution + "/bin/dolphin is missing: run 'mvn package' first");
        }
        Path work = Files.createDirectories(Path.of(System.getProperty("dolphin.e2e.dir", "target/e2e")));
        // The file this JVM resolves names through (failsafe's argLine) is the kubelet's hosts file.
        HostsFile hosts = new HostsFile(Path.of(System.getProperty("jdk.net.hosts.file",
                work.resolve("hosts").toString())).toAbsolutePath());
        plane = LocalControlPlane.start(LocalControlPlane.Options.defaults());
        client = plane.client();
        kubectl = new Kubectl(plane.kubeconfig());
        nodes = new SimulatedNodes(client);
        kubelet = new ProcessKubelet(client, nodes, work.resolve("kubelet-" + System.currentTimeMillis()), hosts)
                .withImage("dolphincluster/dolphin:0.1.0", "/opt/dolphin", distribution.toAbsolutePath().normalize());
        NODES.forEach(kubelet::addNode);
        kubelet.start();

        kubectl.run("apply", "-f", repo.resolve("manifests/00-namespace.yaml").toString());
        kubectl.run("apply", "-f", repo.resolve("crds/dolphinclusters.dolphincluster.io-v1.yml").toString());
        kubectl.run("apply", "-f", repo.resolve("manifests/10-rbac.yaml").toString());
        kubectl.run("wait", "--for=condition=Established", "--timeout=60s", "crd/dolphinclusters.dolphincluster.io");
        Path operatorKubeconfig = writeServiceAccountKubeconfig(work);
        operator = OperatorProcess.start(operatorKubeconfig, SYSTEM_NS, hosts.path(), work.resolve("operator.log"));
        LOG.info("[e2e] plane, 4 nodes and operator up in {} s", Duration.between(suiteStart, Instant.now()).toSeconds());
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (ingest != null) ingest.close();
        if (operator != null) operator.close();
        if (kubelet != null) kubelet.close();
        if (nodes != null) nodes.close();
        if (plane != null) plane.close();
        LOG.info("[e2e] suite took {} s", Duration.between(suiteStart, Instant.now()).toSeconds());
    }

    @Test
    @Order(1)
    void kubectlApplyOfTheSampleGivesAReadyClusterWithALeader() {
        Instant applied = Instant.now();
        kubectl.run("apply", "-f", repo.resolve("manifests/cluster.yaml").toString());
        await("kubectl get dolphinclusters shows demo Running").atMost(READY_DEADLINE).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    assertThat(operator.isAlive()).as("operator process alive").isTrue();
                    Kubectl.ClusterRow row = kubectl.getDolphinCluster(NS, CLUSTER);
                    assertThat(row.phase()).isEqualTo("Running");
                    assertThat(row.controllers()).isEqualTo("3/3");
                    assertThat(row.datanodes()).isEqualTo("3/3");
                    assertThat(row.rf()).isEqualTo("2");
                });
        Kubectl.ClusterRow row = kubectl.getDolphinCluster(NS, CLUSTER);
        assertThat(row.leader()).startsWith(CLUSTER + "-controller-");
        assertThat(row.leader()).isEqualTo(leaderFromControllers());
        LOG.info("[e2e] cluster Running {} s after kubectl apply; leader {}", Duration.between(applied, Instant.now()).toSeconds(), row.leader());
    }

    @Test
    @Order(2)
    void podsOfARoleAndReplicasOfAChunkAreOnDistinctMachines() {
        List<Pod> controllers = pods("controller");
        List<Pod> datanodes = pods("datanode");
        assertThat(controllers).hasSize(3);
        assertThat(datanodes).hasSize(3);
        assertThat(controllers.stream().map(p -> p.getSpec().getNodeName()).distinct()).hasSize(3);
        assertThat(datanodes.stream().map(p -> p.getSpec().getNodeName()).distinct()).hasSize(3);

        String password = adminPassword();
        createTable(password);
        Ingest load = new Ingest(datanodeHost(0), DATA_PORT, password, DB, FIRST_TABLE);
        try {
            load.start();  // a first load, so there are chunks for every day
            load.awaitMoreBatches(5, Duration.ofSeconds(60));
        } finally {
            closeQuietly(load);
        }
        load.verify(datanodeHost(1), DATA_PORT, password);

        Map<String, String> machineOfNode = new HashMap<>();
        String controllerIp = controllers.get(0).getStatus().getPodIP();
        for (JsonNode node : AdminApi.get(controllerIp, "/api/nodes").path("nodes")) {
            machineOfNode.put(node.path("alias").asText(), node.path("machine").asText());
        }
        for (Pod datanode : datanodes) {
            assertThat(machineOfNode).as("the datanode's machine is its Kubernetes node")
                    .containsEntry(datanode.getMetadata().getName(), datanode.getSpec().getNodeName());
        }
        JsonNode chunks = AdminApi.get(controllerIp, "/api/chunks").path("chunks");
        assertThat(chunks.size()).as("chunks").isGreaterThanOrEqualTo(5);
        for (JsonNode chunk : chunks) {
            Set<String> machines = new HashSet<>();
            List<String> replicaNodes = new ArrayList<>();
            for (JsonNode replica : chunk.path("replicas")) {
                replicaNodes.add(replica.path("node").asText());
                machines.add(machineOfNode.get(replica.path("node").asText()));
            }
            assertThat(replicaNodes).as("replicas of chunk " + chunk.path("id").asText()).hasSize(2);
            assertThat(machines).as("machines of chunk " + chunk.path("id").asText()).hasSize(2).doesNotContainNull();
        }
    }

    private void createTable(String password) {
        try (DBConnection setup = new DBConnection()) {
            setup.connect(datanodeHost(0), DATA_PORT, "admin", password, "", true);
            setup.createDatabase(DB, "VALUE");
            setup.createTable(DB, FIRST_TABLE, Ingest.SCHEMA, "day");
            setup.createTable(DB, TABLE, Ingest.SCHEMA, "day");
        }
    }

    private static void closeQuietly(Ingest load) {
        try {
            load.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @Order(3)
    void deletingTheLeaderControllerPodElectsANewLeaderAndWritesGoOn() throws Exception {
        String password = adminPassword();
        ingest = new Ingest(datanodeHost(1), DATA_PORT, password, DB, TABLE);
        ingest.start();
        ingest.awaitMoreBatches(20, Duration.ofSeconds(60));

        String oldLeader = leaderFromControllers();
        kubectl.run("delete", "pod", oldLeader, "-n", NS, "--wait=false");
        await("a new leader").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            String leader = leaderFromControllers();
            assertThat(leader).isNotEqualTo(oldLeader);
        });
        ingest.awaitMoreBatches(20, Duration.ofSeconds(120));
        String newLeader = leaderFromControllers();
        await("status follows the new leader and the deleted pod comes back").atMost(READY_DEADLINE)
                .pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                    Kubectl.ClusterRow row = kubectl.getDolphinCluster(NS, CLUSTER);
                    assertThat(row.leader()).isEqualTo(leaderFromControllers()).isNotEqualTo(oldLeader);
                    assertThat(row.controllers()).isEqualTo("3/3");
                    assertThat(row.phase()).isEqualTo("Running");
                });
        LOG.info("[e2e] leader moved from {} to {}", oldLeader, newLeader);
        ingest.awaitMoreBatches(10, Duration.ofSeconds(60));
        ingest.stop();
        ingest.verify(datanodeHost(2), DATA_PORT, password);
    }

    @Test
    @Order(4)
    void killingANodeWhileWritingLosesNothing() throws Exception {
        String password = adminPassword();
        ingest.start();
        ingest.awaitMoreBatches(10, Duration.ofSeconds(60));
        // the node of the datanode the client writes through
        String site = ingest.currentSite();
        Pod connected = pods("datanode").stream().filter(p -> site.startsWith(p.getMetadata().getName() + "."))
                .findFirst().orElseThrow(() -> new AssertionError("client connected to unknown site " + site));
        String victim = connected.getSpec().getNodeName();
        LOG.info("[e2e] killing node {} (pods {}) while writing through {}", victim, kubelet.podsOn(victim), site);
        kubelet.killNode(victim);
        ingest.awaitMoreBatches(20, Duration.ofSeconds(120));
        assertThat(ingest.currentSite()).as("the client moved to another datanode").isNotEqualTo(site);

        kubelet.reviveNode(victim);
        awaitEveryReplicaInSync();
        ingest.awaitMoreBatches(10, Duration.ofSeconds(60));
        ingest.stop();
        ingest.verify(datanodeHost(0), DATA_PORT, password);
        await("cluster Running again").atMost(READY_DEADLINE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(kubectl.getDolphinCluster(NS, CLUSTER).phase()).isEqualTo("Running"));
    }

    @Test
    @Order(5)
    void deletingTheResourceRemovesEverythingItCreated() {
        kubectl.run("patch", "dolphincluster", CLUSTER, "-n", NS, "--type", "merge",
                "-p", "{\"spec\":{\"volumeReclaimPolicy\":\"Delete\"}}");
        assertThat(client.persistentVolumeClaims().inNamespace(NS).withLabel(INSTANCE_LABEL, CLUSTER).list().getItems())
                .hasSize(6);
        kubectl.run("delete", "dolphincluster", CLUSTER, "-n", NS, "--wait=false");
        await("everything of the cluster is gone").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    assertThat(kubectl.run("get", "dolphinclusters", "-n", NS, "-o", "name")).isBlank();
                    String left = kubectl.run("get", "statefulsets,pods,services,configmaps,secrets,pvc,poddisruptionbudgets",
                            "-n", NS, "-l", INSTANCE_LABEL + "=" + CLUSTER, "-o", "name");
                    assertThat(left).as("objects left").isBlank();
                });
        await("their volumes are reclaimed").atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                assertThat(client.persistentVolumes().list().getItems()).isEmpty());
    }

    private void awaitEveryReplicaInSync() {
        await("every replica of every chunk in sync").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    JsonNode chunks = AdminApi.get(readyControllerIp(), "/api/chunks").path("chunks");
                    for (JsonNode chunk : chunks) {
                        assertThat(chunk.path("replicas").size()).isEqualTo(2);
                        for (JsonNode replica : chunk.path("replicas")) {
                            assertThat(replica.path("inSync").asBoolean()).as(chunk.toString()).isTrue();
                        }
                    }
                });
    }

    private List<Pod> pods(String component) {
        return client.pods().inNamespace(NS).withLabel(INSTANCE_LABEL, CLUSTER).withLabel(COMPONENT_LABEL, component)
                .list().getItems();
    }

    private String readyControllerIp() {
        return pods("controller").stream().filter(ClusterLifecycleIT::isReady).map(p -> p.getStatus().getPodIP())
                .findFirst().orElseThrow(() -> new AssertionError("no ready controller"));
    }

    /** The leader as the ready controllers agree on it (asked by pod IP). */
    private String leaderFromControllers() {
        Set<String> answers = new HashSet<>();
        for (Pod pod : pods("controller")) {
            if (isReady(pod)) {
                answers.add(AdminApi.get(pod.getStatus().getPodIP(), "/api/leader").path("alias").asText());
            }
        }
        assertThat(answers).as("leader named by every ready controller").hasSize(1).doesNotContain("", "null");
        return answers.iterator().next();
    }

    private static boolean isReady(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String datanodeHost(int ordinal) {
        return CLUSTER + "-datanode-" + ordinal + "." + CLUSTER + "-datanode." + NS + ".svc";
    }

    private String adminPassword() {
        Secret secret = client.secrets().inNamespace(NS).withName(CLUSTER + "-admin").get();
        return new String(Base64.getDecoder().decode(secret.getData().get("password")), StandardCharsets.UTF_8);
    }

    private Path writeServiceAccountKubeconfig(Path work) throws IOException {
        await("the operator's ServiceAccount has its token").atMost(Duration.ofSeconds(60)).until(() -> {
            ServiceAccount account = client.serviceAccounts().inNamespace(SYSTEM_NS).withName("dolphincluster-operator").get();
            return account != null && !account.getSecrets().isEmpty();
        });
        String secretName = client.serviceAccounts().inNamespace(SYSTEM_NS).withName("dolphincluster-operator").get()
                .getSecrets().get(0).getName();
        String token = new String(Base64.getDecoder().decode(
                client.secrets().inNamespace(SYSTEM_NS).withName(secretName).get().getData().get("token")), StandardCharsets.UTF_8);
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: local
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                users:
                - name: dolphincluster-operator
                  user:
                    token: %s
                contexts:
                - name: operator
                  context:
                    cluster: local
                    user: dolphincluster-operator
                current-context: operator
                """.formatted(plane.serverUrl(), token);
        Path file = work.resolve("operator-kubeconfig");
        Files.writeString(file, kubeconfig, StandardCharsets.UTF_8);
        return file;
    }
}
