package io.dolphincluster.e2e.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dolphincluster.adminapi.AdminRoutes;
import io.dolphincluster.client.DBConnection;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.concurrent.atomic.AtomicReference;
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
 * The promise of the design card, by default on a real Kubernetes 1.20 control plane whose four
 * nodes (two zones) run pods as local processes ({@link LocalTarget}), or on any cluster given by
 * {@code -Ddolphin.e2e.kubeconfig} ({@link KubeconfigTarget}, e.g. e2e/kind/): {@code kubectl
 * apply} of {@code manifests/} and the sample {@code cluster.yaml}, the operator under the
 * manifests' ServiceAccount, and then, on one cluster in order: Ready with a leader shown by {@code
 * kubectl get dolphinclusters}; pods and chunk replicas on distinct machines; DolphinDB's own Java
 * API; the cluster page through {@code kubectl port-forward} (where a kubelet serves it); HA writes
 * across the loss of the leader controller pod; HA writes across the loss of a whole node; deletion
 * of the resource removing all it created. {@link RealNodeLifecycleIT} runs the same steps on real
 * kubelets ({@link #startTarget}); the steps are numbered in tens so that it can add its own
 * between them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterLifecycleIT {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterLifecycleIT.class);
    static final String NS = "default";
    static final String CLUSTER = "demo";
    static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
    private static final String COMPONENT_LABEL = "app.kubernetes.io/component";
    static final String DB = "dfs://e2e";
    static final String TABLE = "events";
    private static final String FIRST_TABLE = "first";
    static final int DATA_PORT = 8921;
    static final Duration READY_DEADLINE = Duration.ofMinutes(4);

    final Path repo =
            Path.of(System.getProperty("dolphin.repo", "../..")).toAbsolutePath().normalize();
    private final Instant suiteStart = Instant.now();
    ClusterTarget target;
    Kubectl kubectl;
    KubernetesClient client;
    Ingest ingest;

    @BeforeAll
    void startClusterAndOperator() throws Exception {
        Path work =
                Files.createDirectories(
                        Path.of(System.getProperty("dolphin.e2e.dir", "target/e2e"))
                                .toAbsolutePath());
        // The file this JVM resolves names through (failsafe's argLine), kept by the kubelet or the
        // port-forwards.
        Path hostsFile =
                Path.of(System.getProperty("jdk.net.hosts.file", work.resolve("hosts").toString()))
                        .toAbsolutePath();
        target = startTarget(work, hostsFile);
        client = target.client();
        kubectl = target.kubectl();
        target.installOperator(repo);
        LOG.info(
                "[e2e] cluster and operator up in {} s",
                Duration.between(suiteStart, Instant.now()).toSeconds());
    }

    /**
     * The cluster this class runs on: {@link ClusterTarget#fromSystemProperties}; a subclass names
     * another tier.
     */
    ClusterTarget startTarget(Path work, Path hostsFile) throws Exception {
        return ClusterTarget.fromSystemProperties(work, hostsFile);
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            if (ingest != null) ingest.close();
        } finally {
            if (target != null) target.close();
        }
        LOG.info("[e2e] suite took {} s", Duration.between(suiteStart, Instant.now()).toSeconds());
    }

    @Test
    @Order(10)
    void kubectlApplyOfTheSampleGivesAReadyClusterWithALeader() {
        Instant applied = Instant.now();
        kubectl.run("apply", "-f", repo.resolve("manifests/cluster.yaml").toString());
        await("kubectl get dolphinclusters shows demo Running")
                .atMost(READY_DEADLINE)
                .ignoreExceptions()
                .failFast(
                        "a pod of the cluster keeps crashing",
                        () -> CrashLoops.check(client, kubectl, NS, INSTANCE_LABEL, CLUSTER))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(
                        () -> {
                            assertThat(target.operatorAlive()).as("operator alive").isTrue();
                            Kubectl.ClusterRow row = kubectl.getDolphinCluster(NS, CLUSTER);
                            assertThat(row.phase()).isEqualTo("Running");
                            assertThat(row.controllers()).isEqualTo("3/3");
                            assertThat(row.datanodes()).isEqualTo("3/3");
                            assertThat(row.rf()).isEqualTo("2");
                        });
        Kubectl.ClusterRow row = kubectl.getDolphinCluster(NS, CLUSTER);
        assertThat(row.leader()).startsWith(CLUSTER + "-controller-");
        assertThat(row.leader()).isEqualTo(agreedLeader());
        LOG.info(
                "[e2e] cluster Running {} s after kubectl apply; leader {}",
                Duration.between(applied, Instant.now()).toSeconds(),
                row.leader());
    }

    @Test
    @Order(20)
    void podsOfARoleAndReplicasOfAChunkAreOnDistinctMachines() {
        List<Pod> controllers = pods("controller");
        List<Pod> datanodes = pods("datanode");
        assertThat(controllers).hasSize(3);
        assertThat(datanodes).hasSize(3);
        assertThat(controllers.stream().map(p -> p.getSpec().getNodeName()).distinct()).hasSize(3);
        assertThat(datanodes.stream().map(p -> p.getSpec().getNodeName()).distinct()).hasSize(3);

        String password = adminPassword();
        createTable(password);
        Ingest load =
                new Ingest(
                        tls().clientOptions(),
                        datanodeHost(0),
                        DATA_PORT,
                        password,
                        DB,
                        FIRST_TABLE);
        try {
            load.start(); // a first load, so there are chunks for every day
            load.awaitMoreBatches(5, Duration.ofSeconds(60));
        } finally {
            load.close();
        }
        load.verify(datanodeHost(1), DATA_PORT, password);

        Map<String, String> machineOfNode = new HashMap<>();
        String controllerIp = target.address(controllers.get(0));
        for (JsonNode node :
                AdminApi.get(tls(), controllerIp, AdminRoutes.NODES, adminPassword())
                        .path("nodes")) {
            machineOfNode.put(node.path("alias").asText(), node.path("machine").asText());
        }
        for (Pod datanode : datanodes) {
            assertThat(machineOfNode)
                    .as("the datanode's machine is its Kubernetes node")
                    .containsEntry(
                            datanode.getMetadata().getName(), datanode.getSpec().getNodeName());
        }
        JsonNode chunks =
                AdminApi.get(tls(), controllerIp, AdminRoutes.CHUNKS, adminPassword())
                        .path("chunks");
        assertThat(chunks.size()).as("chunks").isGreaterThanOrEqualTo(5);
        for (JsonNode chunk : chunks) {
            Set<String> machines = new HashSet<>();
            List<String> replicaNodes = new ArrayList<>();
            for (JsonNode replica : chunk.path("replicas")) {
                replicaNodes.add(replica.path("node").asText());
                machines.add(machineOfNode.get(replica.path("node").asText()));
            }
            assertThat(replicaNodes)
                    .as("replicas of chunk " + chunk.path("id").asText())
                    .hasSize(2);
            assertThat(machines)
                    .as("machines of chunk " + chunk.path("id").asText())
                    .hasSize(2)
                    .doesNotContainNull();
        }
    }

    @Test
    @Order(30)
    void dolphinDbsOwnJavaApiRunsAProgramUnchanged() throws Exception {
        String leader = agreedLeader();
        // asynchronousTask false, useSSL true (the API trusts any certificate)
        com.xxdb.DBConnection conn = new com.xxdb.DBConnection(false, true);
        assertThat(conn.connect(datanodeHost(2), DATA_PORT, "admin", adminPassword(), "", true))
                .isTrue();
        try {
            assertThat(conn.run("getActiveMaster()").getString()).isEqualTo(leader);
            conn.run(
                    """
                    db = database("dfs://dolphin", VALUE, 2024.01.01..2024.01.03)
                    t = table(1:0, `sym`day`qty, [SYMBOL, DATE, INT])
                    db.createPartitionedTable(t, `trades, `day)
                    """);
            com.xxdb.data.BasicTable rows =
                    new com.xxdb.data.BasicTable(
                            List.of("sym", "day", "qty"),
                            List.of(
                                    new com.xxdb.data.BasicSymbolVector(
                                            List.of("A", "B", "A", "C")),
                                    new com.xxdb.data.BasicDateVector(
                                            new int[] {19723, 19723, 19724, 19725}),
                                    new com.xxdb.data.BasicIntVector(new int[] {1, 2, 3, 4})));
            conn.run("tableInsert{loadTable('dfs://dolphin','trades')}", List.of(rows));
            com.xxdb.data.BasicTable perSymbol =
                    (com.xxdb.data.BasicTable)
                            conn.run(
                                    "select sum(qty) as total from loadTable('dfs://dolphin','trades') group by sym order by sym");
            assertThat(perSymbol.rows()).isEqualTo(3);
            assertThat(perSymbol.getColumn("total").getString()).isEqualTo("[4,2,4]");
        } finally {
            conn.close();
        }
    }

    /**
     * The cluster page as an operator opens it: {@code kubectl port-forward} to the leader's pod
     * (streamed by the API server through the pod's kubelet and container runtime), then the page
     * and the leader's API on the forwarded port. Not on the process kubelet, which serves no
     * kubelet API.
     */
    @Test
    @Order(35)
    void kubectlPortForwardOpensTheClusterPage() throws Exception {
        assumeTrue(
                target.servesPortForward(),
                "the process kubelet serves no kubelet API, so no kubectl port-forward");
        String leader = agreedLeader();
        String local = "127.77.13.1";
        PodPortForward forward =
                PodPortForward.open(kubectl, NS, leader, local, AdminApi.CONTROLLER_PORT);
        try {
            HttpResponse<String> page =
                    HttpClient.newBuilder()
                            .sslContext(tls().adminApi())
                            .build()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "https://"
                                                                    + local
                                                                    + ":"
                                                                    + AdminApi.CONTROLLER_PORT
                                                                    + "/"))
                                            .timeout(Duration.ofSeconds(10))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as("GET / through the port-forward").isEqualTo(200);
            assertThat(page.body()).contains("<title>DolphinCluster</title>");
            assertThat(
                            AdminApi.get(tls(), local, AdminRoutes.LEADER, adminPassword())
                                    .path("alias")
                                    .asText())
                    .isEqualTo(leader);
        } finally {
            forward.close();
        }
    }

    private void createTable(String password) {
        try (DBConnection setup = new DBConnection(tls().clientOptions())) {
            setup.connect(datanodeHost(0), DATA_PORT, "admin", password, "", true);
            setup.createDatabase(DB, "VALUE");
            setup.createTable(DB, FIRST_TABLE, Ingest.SCHEMA, "day");
            setup.createTable(DB, TABLE, Ingest.SCHEMA, "day");
        }
    }

    @Test
    @Order(40)
    void deletingTheLeaderControllerPodElectsANewLeaderAndWritesGoOn() throws Exception {
        String password = adminPassword();
        ingest = new Ingest(tls().clientOptions(), datanodeHost(1), DATA_PORT, password, DB, TABLE);
        ingest.start();
        ingest.awaitMoreBatches(20, Duration.ofSeconds(60));

        String oldLeader = agreedLeader();
        String oldUid =
                client.pods().inNamespace(NS).withName(oldLeader).get().getMetadata().getUid();
        kubectl.run("delete", "pod", oldLeader, "-n", NS, "--wait=false");
        await("a new leader")
                .atMost(Duration.ofSeconds(90))
                .ignoreExceptions()
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                        () -> {
                            String leader = leaderFromControllers();
                            assertThat(leader).isNotEqualTo(oldLeader);
                        });
        ingest.awaitMoreBatches(20, Duration.ofSeconds(120));
        String newLeader = agreedLeader();
        await("status follows the new leader and the deleted pod comes back")
                .atMost(READY_DEADLINE)
                .ignoreExceptions()
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(
                        () -> {
                            Kubectl.ClusterRow row = kubectl.getDolphinCluster(NS, CLUSTER);
                            assertThat(row.leader())
                                    .isEqualTo(leaderFromControllers())
                                    .isNotEqualTo(oldLeader);
                            assertThat(row.controllers()).isEqualTo("3/3");
                            assertThat(row.phase()).isEqualTo("Running");
                            // The status may still say 3/3 from before the deletion: the pod
                            // itself must be back, a new one, and Ready.
                            Pod back = client.pods().inNamespace(NS).withName(oldLeader).get();
                            assertThat(back.getMetadata().getUid()).isNotEqualTo(oldUid);
                            assertThat(RollObserver.isReady(back))
                                    .as(oldLeader + " Ready")
                                    .isTrue();
                        });
        LOG.info("[e2e] leader moved from {} to {}", oldLeader, newLeader);
        ingest.awaitMoreBatches(10, Duration.ofSeconds(60));
        ingest.stop();
        ingest.verify(datanodeHost(2), DATA_PORT, password);
    }

    @Test
    @Order(50)
    void killingANodeWhileWritingLosesNothing() throws Exception {
        String password = adminPassword();
        ingest.start();
        ingest.awaitMoreBatches(10, Duration.ofSeconds(60));
        // the node of the datanode the client writes through
        String site = ingest.currentSite();
        Pod connected =
                pods("datanode").stream()
                        .filter(p -> site.startsWith(p.getMetadata().getName() + "."))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new AssertionError(
                                                "client connected to unknown site " + site));
        String victim = connected.getSpec().getNodeName();
        LOG.info("[e2e] killing node {} while writing through {}", victim, site);
        target.killNode(victim);
        try {
            ingest.awaitMoreBatches(20, Duration.ofSeconds(120));
            assertThat(ingest.currentSite())
                    .as("the client moved to another datanode")
                    .isNotEqualTo(site);
        } finally {
            // Revived even when the step fails: the steps after it need the node.
            target.reviveNode(victim);
        }
        awaitEveryReplicaInSync();
        ingest.awaitMoreBatches(10, Duration.ofSeconds(60));
        ingest.stop();
        ingest.verify(datanodeHost(0), DATA_PORT, password);
        await("cluster Running again")
                .atMost(READY_DEADLINE)
                .ignoreExceptions()
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(
                        () ->
                                assertThat(kubectl.getDolphinCluster(NS, CLUSTER).phase())
                                        .isEqualTo("Running"));
    }

    @Test
    @Order(60)
    void deletingTheResourceRemovesEverythingItCreated() {
        int claims = pods("controller").size() + pods("datanode").size();
        kubectl.run(
                "patch",
                "dolphincluster",
                CLUSTER,
                "-n",
                NS,
                "--type",
                "merge",
                "-p",
                "{\"spec\":{\"volumeReclaimPolicy\":\"Delete\"}}");
        assertThat(
                        client.persistentVolumeClaims()
                                .inNamespace(NS)
                                .withLabel(INSTANCE_LABEL, CLUSTER)
                                .list()
                                .getItems())
                .as("a claim per pod")
                .hasSize(claims);
        kubectl.run("delete", "dolphincluster", CLUSTER, "-n", NS, "--wait=false");
        await("everything of the cluster is gone")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(
                        () -> {
                            assertThat(
                                            kubectl.run(
                                                    "get",
                                                    "dolphinclusters",
                                                    "-n",
                                                    NS,
                                                    "-o",
                                                    "name"))
                                    .isBlank();
                            String left =
                                    kubectl.run(
                                            "get",
                                            "statefulsets,pods,services,configmaps,secrets,pvc,poddisruptionbudgets",
                                            "-n",
                                            NS,
                                            "-l",
                                            INSTANCE_LABEL + "=" + CLUSTER,
                                            "-o",
                                            "name");
                            assertThat(left).as("objects left").isBlank();
                        });
        await("their volumes are reclaimed")
                .atMost(Duration.ofMinutes(1))
                .untilAsserted(
                        () ->
                                assertThat(client.persistentVolumes().list().getItems())
                                        .noneMatch(
                                                pv ->
                                                        pv.getSpec().getClaimRef() != null
                                                                && NS.equals(
                                                                        pv.getSpec()
                                                                                .getClaimRef()
                                                                                .getNamespace())
                                                                && pv.getSpec()
                                                                        .getClaimRef()
                                                                        .getName()
                                                                        .startsWith(
                                                                                "data-" + CLUSTER
                                                                                        + "-")));
    }

    void awaitEveryReplicaInSync() {
        await("every replica of every chunk in sync")
                .atMost(Duration.ofMinutes(3))
                .ignoreExceptions()
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(
                        () -> {
                            JsonNode chunks =
                                    AdminApi.get(
                                                    tls(),
                                                    readyControllerIp(),
                                                    AdminRoutes.CHUNKS,
                                                    adminPassword())
                                            .path("chunks");
                            for (JsonNode chunk : chunks) {
                                assertThat(chunk.path("replicas").size()).isEqualTo(2);
                                for (JsonNode replica : chunk.path("replicas")) {
                                    assertThat(replica.path("inSync").asBoolean())
                                            .as(chunk.toString())
                                            .isTrue();
                                }
                            }
                        });
    }

    List<Pod> pods(String component) {
        return client.pods()
                .inNamespace(NS)
                .withLabel(INSTANCE_LABEL, CLUSTER)
                .withLabel(COMPONENT_LABEL, component)
                .list()
                .getItems();
    }

    String readyControllerIp() {
        return pods("controller").stream()
                .filter(RollObserver::isReady)
                .map(target::address)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ready controller"));
    }

    /**
     * The leader, once every ready controller names the same one (they may answer 503 during an
     * election).
     */
    String agreedLeader() {
        AtomicReference<String> leader = new AtomicReference<>();
        await("the ready controllers agree on a leader")
                .atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> leader.set(leaderFromControllers()));
        return leader.get();
    }

    /**
     * The leader as the ready controllers name it now (asked by pod address); throws if they do not
     * agree.
     */
    private String leaderFromControllers() {
        Set<String> answers = new HashSet<>();
        for (Pod pod : pods("controller")) {
            if (RollObserver.isReady(pod)) {
                answers.add(
                        AdminApi.get(
                                        tls(),
                                        target.address(pod),
                                        AdminRoutes.LEADER,
                                        adminPassword())
                                .path("alias")
                                .asText());
            }
        }
        assertThat(answers)
                .as("leader named by every ready controller")
                .hasSize(1)
                .doesNotContain("", "null");
        return answers.iterator().next();
    }

    static String datanodeHost(int ordinal) {
        return CLUSTER + "-datanode-" + ordinal + "." + CLUSTER + "-datanode." + NS + ".svc";
    }

    /** The cluster's CA, which the suite's clients trust (TLS is on by default). */
    ClusterCaTrust tls() {
        return ClusterCaTrust.of(client, NS, CLUSTER);
    }

    String adminPassword() {
        Secret secret = client.secrets().inNamespace(NS).withName(CLUSTER + "-admin").get();
        return new String(
                Base64.getDecoder().decode(secret.getData().get("password")),
                StandardCharsets.UTF_8);
    }
}
