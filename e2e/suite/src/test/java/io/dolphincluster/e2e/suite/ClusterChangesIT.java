package io.dolphincluster.e2e.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dolphincluster.adminapi.AdminRoutes;
import io.dolphincluster.client.DBConnection;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
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
 * Changes to a running cluster under a steady write load, on one cluster ({@code changes}) in
 * order: controllers 1→3, 3→5 with the leader pod deleted mid-change, 5→3 with the operator killed
 * mid-change, datanodes 4→3 (drained first), a rolling image change, controllers 3→1, and a paused
 * resource that makes no change until resumed. Throughout, an HA writer ({@link Ingest}) and a
 * {@link LeaderSampler} feed {@link PhaseFigures}; at the end every acknowledged row is stored
 * exactly once, every chunk is healthy, and the figures table is written to the log and to {@code
 * target/e2e/cluster-changes-figures.md}. Needs six nodes in three zones (five controllers on
 * distinct nodes): {@link LocalTarget#SIX_NODES}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterChangesIT {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterChangesIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = "default";
    private static final String CLUSTER = "changes";
    private static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
    private static final String COMPONENT_LABEL = RollObserver.COMPONENT_LABEL;
    private static final String REVISION_LABEL = "controller-revision-hash";
    private static final String PAUSED_ANNOTATION = "dolphincluster.io/paused";
    private static final String DB = "dfs://changes";
    private static final String TABLE = "rows";
    private static final int DATA_PORT = 8921;
    private static final int FIRST_DATANODES = 4;
    private static final Duration CREATE_DEADLINE = Duration.ofMinutes(4);
    private static final Duration CHANGE_DEADLINE = Duration.ofMinutes(4);
    private static final Duration ROLL_DEADLINE = Duration.ofMinutes(6);
    private static final Duration IDLE = Duration.ofSeconds(20);

    /**
     * One append of 50 rows every 50 ms at most (1,000 rows/s): a steady load that leaves CPU to
     * the changes.
     */
    private static final Duration WRITE_PACE = Duration.ofMillis(50);

    private static final Duration PAUSE_CHECK = Duration.ofSeconds(15);
    private static final Duration MAX_LEADER_GAP = Duration.ofSeconds(15);

    private final Path repo =
            Path.of(System.getProperty("dolphin.repo", "../..")).toAbsolutePath().normalize();
    private final Instant suiteStart = Instant.now();
    private final PhaseFigures figures = new PhaseFigures();
    private Path work;
    private ClusterTarget target;
    private Kubectl kubectl;
    private KubernetesClient client;
    private Ingest ingest;
    private LeaderSampler sampler;

    /**
     * Recorded by the roll step: the most pods of both roles not Ready at one sample, and which.
     */
    private int rollMostMissingTogether = -1;

    private String rollWorstSample = "";

    @BeforeAll
    void startPlaneAndOperator() throws Exception {
        work =
                Files.createDirectories(
                        Path.of(System.getProperty("dolphin.e2e.dir", "target/e2e"))
                                .toAbsolutePath());
        Path hostsFile =
                Path.of(System.getProperty("jdk.net.hosts.file", work.resolve("hosts").toString()))
                        .toAbsolutePath();
        target = ClusterTarget.fromSystemProperties(work, hostsFile, LocalTarget.SIX_NODES);
        client = target.client();
        kubectl = target.kubectl();
        target.installOperator(repo);
        LOG.info(
                "[e2e] plane, six nodes and operator up in {} s",
                Duration.between(suiteStart, Instant.now()).toSeconds());
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            if (sampler != null) sampler.close();
            if (ingest != null) ingest.close();
            figures.finish();
            String table = figures.table();
            LOG.info("[e2e] cluster changes, figures:\n{}", table);
            Files.writeString(
                    work.resolve("cluster-changes-figures.md"), table, StandardCharsets.UTF_8);
        } finally {
            if (target != null) target.close();
        }
        LOG.info(
                "[e2e] ClusterChangesIT took {} s",
                Duration.between(suiteStart, Instant.now()).toSeconds());
    }

    @Test
    @Order(1)
    void oneControllerAndFourDatanodesSettleAndTakeWrites() {
        Instant applied = Instant.now();
        kubectl.apply(
                """
                apiVersion: dolphincluster.io/v1alpha1
                kind: DolphinCluster
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  image: %s
                  controllers:
                    replicas: 1
                    storage:
                      size: 1Gi
                  datanodes:
                    replicas: %d
                    storage:
                      size: 2Gi
                  replication:
                    factor: 2
                    reliabilityLevel: 1
                """
                        .formatted(CLUSTER, NS, LocalTarget.RUNTIME_IMAGE, FIRST_DATANODES));
        awaitSettled("created", CREATE_DEADLINE);
        assertThat(state().members()).containsExactly(CLUSTER + "-controller-0");
        LOG.info(
                "[e2e] {} settled {} s after kubectl apply",
                CLUSTER,
                Duration.between(applied, Instant.now()).toSeconds());

        String password = adminPassword();
        try (DBConnection setup = new DBConnection(tls().clientOptions())) {
            setup.connect(datanodeHost(0), DATA_PORT, "admin", password, "", true);
            setup.createDatabase(DB, "VALUE");
            setup.createTable(DB, TABLE, Ingest.SCHEMA, "day");
        }
        List<String> sites =
                IntStream.range(0, FIRST_DATANODES)
                        .mapToObj(
                                i ->
                                        datanodeHost(i)
                                                + ":"
                                                + DATA_PORT
                                                + ":"
                                                + CLUSTER
                                                + "-datanode-"
                                                + i)
                        .toList();
        figures.begin("idle");
        sampler = new LeaderSampler(this::controllerAddresses, figures, tls(), password).start();
        ingest =
                new Ingest(
                                tls().clientOptions(),
                                datanodeHost(0),
                                DATA_PORT,
                                sites,
                                password,
                                DB,
                                TABLE,
                                figures)
                        .pacedAt(WRITE_PACE);
        ingest.start();
        await("an idle window of writes without a failure")
                .during(IDLE)
                .atMost(IDLE.plusSeconds(10))
                .until(() -> ingest.failures().isEmpty());
        assertThat(ingest.batches()).as("batches written while idle").isPositive();
    }

    @Test
    @Order(2)
    void controllersGrowFromOneToThree() {
        scaleControllers(3, "controllers 1 to 3");
        assertThat(state().members()).containsExactlyElementsOf(controllerAliases(3));
    }

    @Test
    @Order(3)
    void controllersGrowFromThreeToFiveThoughTheLeaderPodIsDeletedMidway() {
        figures.begin("controllers 3 to 5, leader pod deleted");
        patchSpec("{\"controllers\":{\"replicas\":5}}");
        await("a 4th member in .status.members")
                .atMost(CHANGE_DEADLINE)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> state().members().size() >= 4);
        String leader = currentLeader();
        ClusterState midway = state();
        LOG.info("[e2e] 4 members ({}); deleting the leader pod {}", midway.members(), leader);
        assertMidChange(midway, "ScaleControllers");
        kubectl.run("delete", "pod", leader, "-n", NS, "--wait=false");
        awaitSettledAndRecord();
        assertThat(state().members()).containsExactlyElementsOf(controllerAliases(5));
    }

    @Test
    @Order(4)
    void controllersShrinkFromFiveToThreeThoughTheOperatorIsKilledMidway() throws Exception {
        figures.begin("controllers 5 to 3, operator killed");
        patchSpec("{\"controllers\":{\"replicas\":3}}");
        await("the member count drops to 4")
                .atMost(CHANGE_DEADLINE)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> state().members().size() <= 4);
        ClusterState atKill = state();
        target.killOperator();
        LOG.info("[e2e] operator killed at {}", atKill.summary());
        assertMidChange(atKill, "ScaleControllers");
        target.startOperator();
        awaitSettledAndRecord();
        assertThat(state().members()).containsExactlyElementsOf(controllerAliases(3));
        assertThat(statefulSet("controller").getSpec().getReplicas()).isEqualTo(3);
        await("no PVC of a removed controller")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                        () ->
                                assertThat(claimNames())
                                        .doesNotContain(
                                                "data-" + CLUSTER + "-controller-3",
                                                "data-" + CLUSTER + "-controller-4")
                                        .contains(
                                                "data-" + CLUSTER + "-controller-0",
                                                "data-" + CLUSTER + "-controller-2"));
    }

    @Test
    @Order(5)
    void datanodesShrinkFromFourToThreeAfterTheLastIsDrained() {
        String removed = CLUSTER + "-datanode-3";
        long onRemoved = replicasOn(removed, chunks());
        assertThat(onRemoved).as("chunk replicas on " + removed + " before the drain").isPositive();
        LOG.info("[e2e] {} holds {} chunk replicas before the drain", removed, onRemoved);

        figures.begin("datanodes 4 to 3 (drain)");
        patchSpec("{\"datanodes\":{\"replicas\":3}}");
        awaitSettledAndRecord();
        assertThat(statefulSet("datanode").getSpec().getReplicas()).isEqualTo(3);
        await("every chunk has 2 in-sync replicas, none on " + removed)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .untilAsserted(
                        () -> {
                            JsonNode chunks = chunks();
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
        await(removed + " forgotten: no PVC, not in /api/nodes")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .untilAsserted(
                        () -> {
                            assertThat(claimNames()).doesNotContain("data-" + removed);
                            List<String> aliases = new ArrayList<>();
                            AdminApi.get(
                                            tls(),
                                            readyControllerAddress(),
                                            AdminRoutes.NODES,
                                            adminPassword())
                                    .path("nodes")
                                    .forEach(n -> aliases.add(n.path("alias").asText()));
                            assertThat(aliases)
                                    .doesNotContain(removed)
                                    .contains(CLUSTER + "-datanode-0");
                        });
    }

    /**
     * On the 3+3 cluster of the steps before; it reads the counts from the spec, so it also runs
     * alone after step 4.
     */
    @Test
    @Order(6)
    void anImageChangeRollsControllersFirstLeaderLastOnePodAtATime() {
        String leaderAtStart = currentLeader();
        int failuresBefore = ingest.failures().size();
        ClusterState before = state();
        int controllerCount = before.specControllers();
        int datanodeCount = before.specDatanodes();
        List<String> rolled;
        Map<String, Integer> mostMissing;
        try (RollObserver observer =
                new RollObserver(
                                this::clusterPods,
                                Map.of("controller", controllerCount, "datanode", datanodeCount))
                        .start()) {
            figures.begin(
                    "image roll ("
                            + controllerCount
                            + " controllers + "
                            + datanodeCount
                            + " datanodes)");
            patchSpec("{\"image\":\"" + LocalTarget.NEXT_RUNTIME_IMAGE + "\"}");
            AtomicReference<String> last = new AtomicReference<>("");
            reportingPodsNotReady(
                    () ->
                            await("every pod on the new image and revision, cluster settled")
                                    .atMost(ROLL_DEADLINE)
                                    .pollInterval(Duration.ofSeconds(1))
                                    .ignoreExceptions()
                                    .untilAsserted(
                                            () -> {
                                                assertSettled(last);
                                                assertEveryPodOnTheUpdateRevision();
                                            }));
            Duration took = figures.settled();
            rolled = observer.rolled();
            mostMissing = observer.mostMissing();
            rollMostMissingTogether = observer.mostMissingTogether();
            rollWorstSample = observer.worstSample();
            LOG.info(
                    "[e2e] roll settled in {} s; pods rolled in order {}; most not Ready at once {} per role, {} together"
                            + " (at {}); leader at start {}",
                    took.toSeconds(),
                    observer.timeline(),
                    mostMissing,
                    rollMostMissingTogether,
                    rollWorstSample,
                    leaderAtStart);
        }
        List<String> controllers = controllerAliases(controllerCount);
        List<String> datanodes =
                IntStream.range(0, datanodeCount)
                        .mapToObj(i -> CLUSTER + "-datanode-" + i)
                        .toList();
        assertThat(rolled)
                .as("every pod rolled exactly once")
                .hasSize(controllerCount + datanodeCount)
                .containsExactlyInAnyOrderElementsOf(concat(controllers, datanodes));
        assertThat(rolled.subList(0, controllerCount))
                .as("controllers before datanodes")
                .containsExactlyInAnyOrderElementsOf(controllers);
        assertThat(rolled.get(controllerCount - 1))
                .as("the controller that led at the start rolled last among controllers")
                .isEqualTo(leaderAtStart);
        assertThat(mostMissing)
                .as("never two pods of one role missing at once")
                .allSatisfy((role, missing) -> assertThat(missing).as(role).isLessThanOrEqualTo(1));
        assertThat(ingest.failures().subList(failuresBefore, ingest.failures().size()))
                .as("client-visible write failures during the roll")
                .isEmpty();
    }

    /**
     * The contract's "one pod at a time" across roles too: no datanode is deleted before the last
     * controller is back.
     */
    @Test
    @Order(7)
    void theRollNeverHasTwoPodsDownAtOnce() {
        assertThat(rollMostMissingTogether).as("the roll step ran").isGreaterThanOrEqualTo(0);
        assertThat(rollMostMissingTogether)
                .as("pods not Ready together during the roll, worst at " + rollWorstSample)
                .isLessThanOrEqualTo(1);
    }

    @Test
    @Order(8)
    void controllersShrinkFromThreeToOne() {
        scaleControllers(1, "controllers 3 to 1");
        assertThat(state().members()).containsExactly(CLUSTER + "-controller-0");
        await("no PVC of a removed controller")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                        () ->
                                assertThat(claimNames())
                                        .doesNotContain(
                                                "data-" + CLUSTER + "-controller-1",
                                                "data-" + CLUSTER + "-controller-2"));
    }

    @Test
    @Order(9)
    void aPausedClusterMakesNoChangeUntilResumed() {
        figures.begin("paused, controllers 1 to 3 asked");
        Instant annotated = Instant.now();
        kubectl.run(
                "annotate",
                "dolphincluster",
                CLUSTER,
                "-n",
                NS,
                PAUSED_ANNOTATION + "=true",
                "--overwrite");
        // The annotation alone does not change the generation: the operator must react to it
        // anyway.
        await("condition Paused=True")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> "True".equals(state().condition("Paused")));
        LOG.info(
                "[e2e] Paused=True {} ms after the annotation",
                Duration.between(annotated, Instant.now()).toMillis());
        patchSpec("{\"controllers\":{\"replicas\":3}}");
        await("the controller StatefulSet stays at 1 while paused")
                .during(PAUSE_CHECK)
                .atMost(PAUSE_CHECK.plusSeconds(10))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(
                        () -> {
                            assertThat(statefulSet("controller").getSpec().getReplicas())
                                    .isEqualTo(1);
                            ClusterState state = state();
                            assertThat(state.condition("Paused"))
                                    .as(state.summary())
                                    .isEqualTo("True");
                            assertThat(state.members()).containsExactly(CLUSTER + "-controller-0");
                        });

        figures.begin("resumed: controllers 1 to 3");
        kubectl.run("annotate", "dolphincluster", CLUSTER, "-n", NS, PAUSED_ANNOTATION + "-");
        awaitSettledAndRecord();
        ClusterState resumed = state();
        assertThat(resumed.members()).containsExactlyElementsOf(controllerAliases(3));
        assertThat(resumed.condition("Paused")).as("Paused after resuming").isNotEqualTo("True");
    }

    @Test
    @Order(10)
    void everyAcknowledgedRowIsStoredOnceAndEveryChunkIsHealthy() throws Exception {
        ingest.stop();
        figures.finish();
        sampler.close();
        LOG.info(
                "[e2e] writer stopped after {} batches; {} leader samples",
                ingest.batches(),
                sampler.samples());
        assertThat(ingest.failures())
                .as("client-visible write failures over the whole run")
                .isEmpty();
        ingest.verify(datanodeHost(1), DATA_PORT, adminPassword());
        await("every chunk healthy")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .untilAsserted(
                        () -> {
                            JsonNode replication =
                                    AdminApi.get(
                                            tls(),
                                            readyControllerAddress(),
                                            AdminRoutes.REPLICATION,
                                            adminPassword());
                            assertThat(replication.path("chunks").size()).isPositive();
                            for (JsonNode chunk : replication.path("chunks")) {
                                assertThat(chunk.path("state").asText())
                                        .as(chunk.toString())
                                        .isEqualTo("healthy");
                            }
                        });
        JsonNode metadata =
                AdminApi.get(
                        tls(), readyControllerAddress(), AdminRoutes.METADATA, adminPassword());
        List<String> databases = new ArrayList<>();
        metadata.path("databases").forEach(d -> databases.add(d.path("name").asText()));
        List<String> tables = new ArrayList<>();
        metadata.path("tables")
                .forEach(
                        t ->
                                tables.add(
                                        t.path("database").asText()
                                                + "/"
                                                + t.path("name").asText()));
        // The controllers' metadata keeps the name without the client's dfs:// prefix.
        String storedName = DB.substring("dfs://".length());
        assertThat(databases).contains(storedName);
        assertThat(tables).contains(storedName + "/" + TABLE);
        assertThat(figures.longestLeaderGap())
                .as("longest time without a leader answering")
                .isLessThan(MAX_LEADER_GAP);
    }

    @Test
    @Order(11)
    void eachKindOfStepRaisedItsEvent() {
        JsonNode events = json(kubectl.run("get", "events", "-n", NS, "-o", "json")).path("items");
        Set<String> reasons = new HashSet<>();
        for (JsonNode event : events) {
            JsonNode involved = event.path("involvedObject");
            if ("DolphinCluster".equals(involved.path("kind").asText())
                    && CLUSTER.equals(involved.path("name").asText())) {
                reasons.add(event.path("reason").asText());
            }
        }
        LOG.info("[e2e] event reasons on {}: {}", CLUSTER, reasons);
        // The names the operator raises (ChangeExecutor); the brief's examples said PodRolled and
        // DatanodeDrained.
        assertThat(reasons)
                .contains(
                        "MemberAdded",
                        "MemberRemoved",
                        "LeadershipTransferred",
                        "VolumeClaimDeleted",
                        "PodRestarted",
                        "DatanodeDraining",
                        "DatanodeForgotten");
    }

    // --- steps

    private void scaleControllers(int replicas, String phase) {
        figures.begin(phase);
        patchSpec("{\"controllers\":{\"replicas\":" + replicas + "}}");
        awaitSettledAndRecord();
    }

    private void patchSpec(String specJson) {
        kubectl.run(
                "patch",
                "dolphincluster",
                CLUSTER,
                "-n",
                NS,
                "--type",
                "merge",
                "-p",
                "{\"spec\":" + specJson + "}");
    }

    private void awaitSettledAndRecord() {
        awaitSettled("settled after the change", CHANGE_DEADLINE);
        Duration took = figures.settled();
        LOG.info("[e2e] settled in {} s: {}", took.toSeconds(), state().summary());
    }

    private void awaitSettled(String what, Duration deadline) {
        AtomicReference<String> last = new AtomicReference<>("");
        reportingPodsNotReady(
                () ->
                        await(what)
                                .atMost(deadline)
                                .pollInterval(Duration.ofSeconds(1))
                                .ignoreExceptions()
                                .untilAsserted(() -> assertSettled(last)));
    }

    /** The operator runs and the cluster settled; its state is logged when not {@code last}. */
    private void assertSettled(AtomicReference<String> last) {
        assertThat(target.operatorAlive()).as("operator alive").isTrue();
        ClusterState state = state();
        if (!state.summary().equals(last.getAndSet(state.summary()))) {
            LOG.info("[e2e] {}", state.summary());
        }
        assertThat(state.settled()).as(state.summary()).isTrue();
    }

    /** A wait that runs out fails with the pods that were not Ready, and their last log lines. */
    private void reportingPodsNotReady(Runnable wait) {
        try {
            wait.run();
        } catch (ConditionTimeoutException e) {
            String pods = PodsNotReady.describe(target, NS, INSTANCE_LABEL, CLUSTER);
            LOG.error("[e2e] {}\n{}", e.getMessage(), pods);
            throw new AssertionError(e.getMessage() + "\n" + pods, e);
        }
    }

    /**
     * What the status shows while a change of {@code kind} is under way: phase, change and
     * condition.
     */
    private static void assertMidChange(ClusterState state, String kind) {
        assertThat(state.phase()).as(state.summary()).isEqualTo("Progressing");
        assertThat(state.changeKind()).as(state.summary()).isEqualTo(kind);
        assertThat(state.change().path("step").asText()).as("the change's step").isNotBlank();
        assertThat(state.condition("Progressing")).as("condition Progressing").isEqualTo("True");
        assertThat(state.conditionReason("Progressing"))
                .as("reason of Progressing")
                .isEqualTo(kind);
    }

    private void assertEveryPodOnTheUpdateRevision() {
        for (String role : List.of("controller", "datanode")) {
            String revision = statefulSet(role).getStatus().getUpdateRevision();
            for (Pod pod : pods(role)) {
                assertThat(pod.getMetadata().getLabels().get(REVISION_LABEL))
                        .as(pod.getMetadata().getName() + " revision")
                        .isEqualTo(revision);
                assertThat(pod.getSpec().getContainers().get(0).getImage())
                        .as(pod.getMetadata().getName() + " image")
                        .isEqualTo(LocalTarget.NEXT_RUNTIME_IMAGE);
                assertThat(RollObserver.isReady(pod))
                        .as(pod.getMetadata().getName() + " ready")
                        .isTrue();
            }
        }
    }

    // --- reading the cluster

    private ClusterState state() {
        GenericKubernetesResource resource =
                client.genericKubernetesResources("dolphincluster.io/v1alpha1", "DolphinCluster")
                        .inNamespace(NS)
                        .withName(CLUSTER)
                        .get();
        if (resource == null) throw new IllegalStateException("no DolphinCluster " + CLUSTER);
        return ClusterState.of(JSON.valueToTree(resource));
    }

    /**
     * The controller that answers as leader itself; waits for one (an election may be under way).
     */
    private String currentLeader() {
        AtomicReference<String> leader = new AtomicReference<>();
        await("a controller answering as leader")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(
                        () -> {
                            for (String address : controllerAddresses()) {
                                String alias =
                                        LeaderSampler.leaderAt(tls(), address, adminPassword());
                                if (alias != null) {
                                    leader.set(alias);
                                    return true;
                                }
                            }
                            return false;
                        });
        return leader.get();
    }

    private List<String> controllerAddresses() {
        return pods("controller").stream()
                .filter(p -> p.getStatus() != null && p.getStatus().getPodIP() != null)
                .map(target::address)
                .toList();
    }

    private String readyControllerAddress() {
        return pods("controller").stream()
                .filter(RollObserver::isReady)
                .map(target::address)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ready controller"));
    }

    private JsonNode chunks() {
        return AdminApi.get(tls(), readyControllerAddress(), AdminRoutes.CHUNKS, adminPassword())
                .path("chunks");
    }

    private static long replicasOn(String node, JsonNode chunks) {
        long count = 0;
        for (JsonNode chunk : chunks) {
            for (JsonNode replica : chunk.path("replicas")) {
                if (node.equals(replica.path("node").asText())) count++;
            }
        }
        return count;
    }

    private List<Pod> pods(String component) {
        return client.pods()
                .inNamespace(NS)
                .withLabel(INSTANCE_LABEL, CLUSTER)
                .withLabel(COMPONENT_LABEL, component)
                .list()
                .getItems();
    }

    private List<Pod> clusterPods() {
        return client.pods().inNamespace(NS).withLabel(INSTANCE_LABEL, CLUSTER).list().getItems();
    }

    private StatefulSet statefulSet(String component) {
        return client.apps()
                .statefulSets()
                .inNamespace(NS)
                .withName(CLUSTER + "-" + component)
                .get();
    }

    private List<String> claimNames() {
        return client
                .persistentVolumeClaims()
                .inNamespace(NS)
                .withLabel(INSTANCE_LABEL, CLUSTER)
                .list()
                .getItems()
                .stream()
                .map(c -> c.getMetadata().getName())
                .sorted()
                .toList();
    }

    private static List<String> controllerAliases(int count) {
        return IntStream.range(0, count).mapToObj(i -> CLUSTER + "-controller-" + i).toList();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String datanodeHost(int ordinal) {
        return CLUSTER + "-datanode-" + ordinal + "." + CLUSTER + "-datanode." + NS + ".svc";
    }

    /** The cluster's CA, which the suite's clients trust (TLS is on by default). */
    private ClusterCaTrust tls() {
        return ClusterCaTrust.of(client, NS, CLUSTER);
    }

    private String adminPassword() {
        Secret secret = client.secrets().inNamespace(NS).withName(CLUSTER + "-admin").get();
        return new String(
                Base64.getDecoder().decode(secret.getData().get("password")),
                StandardCharsets.UTF_8);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }
}
