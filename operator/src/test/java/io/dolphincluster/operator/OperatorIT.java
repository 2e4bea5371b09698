package io.dolphincluster.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dolphincluster.e2e.harness.LocalControlPlane;
import io.dolphincluster.e2e.harness.LocalControlPlaneExtension;
import io.dolphincluster.operator.model.ConditionTypes;
import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.operator.model.DolphinClusterSpec;
import io.dolphincluster.operator.model.Phase;
import io.dolphincluster.operator.model.VolumeReclaimPolicy;
import io.dolphincluster.operator.reconcile.DolphinClusterReconciler;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.Operator;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator against a real kube-apiserver + etcd + kube-controller-manager (no kubelet: pods
 * stay Pending), with server-side apply as in production. Each test uses its own DolphinCluster.
 */
class OperatorIT {
    private static final String NS = "dolphin-it";
    private static final String CRD = "../crds/dolphinclusters.dolphincluster.io-v1.yml";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @RegisterExtension
    static final LocalControlPlaneExtension KUBE =
            new LocalControlPlaneExtension(
                    LocalControlPlane.Options.defaults().withScheduler(false));

    private static KubernetesClient client;
    private static KubernetesClient operatorClient;
    private static Operator operator;
    private static ReconcileCounter reconciles;

    @BeforeAll
    static void installCrdAndStartOperator() throws IOException {
        client = KUBE.client();
        try (InputStream crd = new FileInputStream(CRD)) {
            client.apiextensions().v1().customResourceDefinitions().load(crd).serverSideApply();
        }
        await().atMost(DEADLINE)
                .until(
                        () ->
                                established(
                                        client.apiextensions()
                                                .v1()
                                                .customResourceDefinitions()
                                                .withName("dolphinclusters.dolphincluster.io")
                                                .get()));
        client.namespaces()
                .resource(
                        new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .create();
        operatorClient = KUBE.plane().newClient();
        startOperator();
    }

    private static void startOperator() {
        reconciles = new ReconcileCounter();
        operator =
                DolphinOperator.create(
                        operatorClient,
                        OperatorSettings.forTests(Set.of(NS)),
                        o -> o.withMetrics(reconciles));
        operator.start();
    }

    @AfterAll
    static void stopOperator() {
        if (operator != null) {
            operator.stop();
        }
        if (operatorClient != null) {
            operatorClient.close();
        }
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd != null
                && crd.getStatus() != null
                && crd.getStatus().getConditions().stream()
                        .anyMatch(
                                c ->
                                        "Established".equals(c.getType())
                                                && "True".equals(c.getStatus()));
    }

    private static DolphinCluster cluster(String name) {
        DolphinCluster cluster = new DolphinCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        cluster.setSpec(new DolphinClusterSpec());
        cluster.getSpec().getControllers().setReplicas(3);
        cluster.getSpec().getReplication().setFactor(2);
        cluster.getSpec().getReplication().setReliabilityLevel(1);
        return cluster;
    }

    private static DolphinCluster apply(DolphinCluster cluster) {
        return client.resource(cluster).inNamespace(NS).serverSideApply();
    }

    private static DolphinCluster fetch(String name) {
        return client.resources(DolphinCluster.class).inNamespace(NS).withName(name).get();
    }

    /**
     * Every object the operator makes for a cluster, by kind/name, with a fingerprint of its
     * writes.
     */
    /**
     * ConfigMap, 5 Secrets (admin, cluster credential, CA, a certificate per role), NetworkPolicy,
     * 3 Services, 2 StatefulSets, 2 PodDisruptionBudgets.
     */
    private static final int OWNED_OBJECTS = 14;

    private static Map<String, String> ownedObjects(String name) {
        List<HasMetadata> all = new ArrayList<>();
        all.addAll(
                client.configMaps()
                        .inNamespace(NS)
                        .withLabel("app.kubernetes.io/instance", name)
                        .list()
                        .getItems());
        all.addAll(
                client.secrets()
                        .inNamespace(NS)
                        .withLabel("app.kubernetes.io/instance", name)
                        .list()
                        .getItems());
        all.addAll(
                client.services()
                        .inNamespace(NS)
                        .withLabel("app.kubernetes.io/instance", name)
                        .list()
                        .getItems());
        all.addAll(
                client.apps()
                        .statefulSets()
                        .inNamespace(NS)
                        .withLabel("app.kubernetes.io/instance", name)
                        .list()
                        .getItems());
        all.addAll(
                client.policy()
                        .v1beta1()
                        .podDisruptionBudget()
                        .inNamespace(NS)
                        .withLabel("app.kubernetes.io/instance", name)
                        .list()
                        .getItems());
        all.addAll(
                client.network()
                        .v1()
                        .networkPolicies()
                        .inNamespace(NS)
                        .withLabel("app.kubernetes.io/instance", name)
                        .list()
                        .getItems());
        Map<String, String> versions = new TreeMap<>();
        all.forEach(
                o ->
                        versions.put(
                                o.getKind() + "/" + o.getMetadata().getName(), operatorWrites(o)));
        return versions;
    }

    /**
     * What changes when the operator writes an object, and only then: the generation (spec), the
     * metadata it sets, and its field manager's entry (whose time moves on each change it applies).
     * The resourceVersion alone would also move when kube-controller-manager updates a status.
     */
    private static String operatorWrites(HasMetadata object) {
        var meta = object.getMetadata();
        return "generation="
                + meta.getGeneration()
                + " labels="
                + meta.getLabels()
                + " owners="
                + meta.getOwnerReferences()
                + " managed="
                + meta.getManagedFields().stream()
                        .filter(f -> DolphinClusterReconciler.NAME.equals(f.getManager()))
                        .map(
                                f ->
                                        f.getOperation()
                                                + "@"
                                                + f.getTime()
                                                + ":"
                                                + f.getFieldsV1().getAdditionalProperties())
                        .toList();
    }

    private static int operatorEventsAbout(String name) {
        return (int)
                client.v1().events().inNamespace(NS).list().getItems().stream()
                        .filter(e -> name.equals(e.getInvolvedObject().getName()))
                        .filter(
                                e ->
                                        e.getSource() != null
                                                && "dolphincluster-operator"
                                                        .equals(e.getSource().getComponent()))
                        .count();
    }

    @Test
    void applyingAClusterCreatesItsObjectsOwnedByIt() {
        DolphinCluster created = apply(cluster("alpha"));

        await().atMost(DEADLINE)
                .untilAsserted(
                        () ->
                                assertThat(ownedObjects("alpha"))
                                        .containsOnlyKeys(
                                                "ConfigMap/alpha-config",
                                                "Secret/alpha-admin",
                                                "Secret/alpha-cluster-secret",
                                                "Secret/alpha-ca",
                                                "Secret/alpha-controller-tls",
                                                "Secret/alpha-datanode-tls",
                                                "NetworkPolicy/alpha",
                                                "Service/alpha-controller",
                                                "Service/alpha-datanode",
                                                "Service/alpha-client",
                                                "StatefulSet/alpha-controller",
                                                "StatefulSet/alpha-datanode",
                                                "PodDisruptionBudget/alpha-controller",
                                                "PodDisruptionBudget/alpha-datanode"));
        var controllers =
                client.apps().statefulSets().inNamespace(NS).withName("alpha-controller").get();
        assertThat(controllers.getSpec().getReplicas()).isEqualTo(3);
        assertThat(controllers.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
        assertThat(controllers.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(
                        ref -> assertThat(ref.getUid()).isEqualTo(created.getMetadata().getUid()));
        assertThat(
                        client.configMaps()
                                .inNamespace(NS)
                                .withName("alpha-config")
                                .get()
                                .getData()
                                .get("cluster.nodes"))
                .contains(
                        "alpha-controller-2.alpha-controller.dolphin-it.svc:8900:alpha-controller-2,controller");
    }

    @Test
    void statusIsWrittenWithCountsAndConditions() {
        apply(cluster("gamma"));

        await().atMost(DEADLINE)
                .untilAsserted(
                        () -> {
                            DolphinCluster seen = fetch("gamma");
                            assertThat(seen.getStatus()).isNotNull();
                            assertThat(seen.getStatus().getObservedGeneration())
                                    .isEqualTo(seen.getMetadata().getGeneration());
                            assertThat(seen.getStatus().getPhase()).isEqualTo(Phase.Progressing);
                            assertThat(seen.getStatus().getControllersReady()).isEqualTo("0/3");
                            assertThat(seen.getStatus().getDatanodesReady()).isEqualTo("0/3");
                            assertThat(seen.getStatus().getConditions())
                                    .extracting(c -> c.getType() + "=" + c.getStatus())
                                    .contains(
                                            ConditionTypes.SPEC_VALID + "=True",
                                            ConditionTypes.READY + "=False",
                                            ConditionTypes.PROGRESSING + "=True");
                        });
    }

    @Test
    void theSchemaRejectsOutOfRangeValuesWithAReadableMessage() {
        DolphinCluster tooMany = cluster("too-many");
        tooMany.getSpec().getControllers().setReplicas(9);
        tooMany.getSpec().getReplication().setReliabilityLevel(3);

        assertThatThrownBy(() -> apply(tooMany))
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("spec.controllers.replicas")
                .hasMessageContaining("less than or equal to 7")
                .hasMessageContaining("spec.replication.reliabilityLevel");
        assertThat(fetch("too-many")).isNull();
    }

    @Test
    void anEvenControllerCountIsReportedInStatusAndNothingIsCreated() {
        DolphinCluster even = cluster("even");
        even.getSpec().getControllers().setReplicas(4);
        apply(even);

        await().atMost(DEADLINE)
                .untilAsserted(
                        () -> {
                            DolphinCluster seen = fetch("even");
                            assertThat(seen.getStatus()).isNotNull();
                            assertThat(seen.getStatus().getPhase()).isEqualTo(Phase.Invalid);
                            assertThat(seen.getStatus().getConditions())
                                    .filteredOn(c -> c.getType().equals(ConditionTypes.SPEC_VALID))
                                    .singleElement()
                                    .satisfies(
                                            c ->
                                                    assertThat(c.getMessage())
                                                            .contains(
                                                                    "spec.controllers.replicas is 4",
                                                                    "odd"));
                        });
        assertThat(ownedObjects("even")).isEmpty();
    }

    @Test
    void aSecondReconcileWithNothingChangedWritesNothing() {
        apply(cluster("delta"));
        await().atMost(DEADLINE)
                .until(
                        () ->
                                ownedObjects("delta").size() == OWNED_OBJECTS
                                        && fetch("delta").getStatus() != null);
        // Let the StatefulSet controller settle the StatefulSets' status, which the operator reacts
        // to.
        await().atMost(DEADLINE)
                .until(
                        () ->
                                client.apps()
                                                .statefulSets()
                                                .inNamespace(NS)
                                                .withName("delta-datanode")
                                                .get()
                                                .getStatus()
                                        != null);
        Map<String, String> objectsBefore = ownedObjects("delta");
        String clusterBefore = fetch("delta").getMetadata().getResourceVersion();
        int eventsBefore = operatorEventsAbout("delta");

        operator.stop();
        startOperator();
        await().atMost(DEADLINE).until(() -> reconciles.finished("delta") >= 1);

        assertThat(fetch("delta").getMetadata().getResourceVersion()).isEqualTo(clusterBefore);
        assertThat(ownedObjects("delta")).isEqualTo(objectsBefore);
        assertThat(operatorEventsAbout("delta")).isEqualTo(eventsBefore);
    }

    @Test
    void aPausedClusterIsLeftAsItIsWhileItsStatusIsRefreshed() {
        apply(cluster("paused"));
        await().atMost(DEADLINE).until(() -> ownedObjects("paused").size() == OWNED_OBJECTS);
        mergePatch(
                "paused",
                "{\"metadata\":{\"annotations\":{\""
                        + DolphinCluster.PAUSED_ANNOTATION
                        + "\":\"true\"}}}");
        await().atMost(DEADLINE)
                .until(() -> condition("paused", ConditionTypes.PAUSED).equals("True"));

        DolphinCluster edited =
                mergePatch(
                        "paused",
                        "{\"spec\":{\"image\":\"dolphincluster/dolphin:0.2.0\",\"datanodes\":{\"replicas\":5}}}");
        long generation = edited.getMetadata().getGeneration();
        await().atMost(DEADLINE)
                .until(() -> fetch("paused").getStatus().getObservedGeneration() == generation);
        assertThat(datanodes("paused").getSpec().getReplicas()).isEqualTo(3);
        assertThat(image(datanodes("paused"))).isNotEqualTo("dolphincluster/dolphin:0.2.0");

        mergePatch(
                "paused",
                "{\"metadata\":{\"annotations\":{\""
                        + DolphinCluster.PAUSED_ANNOTATION
                        + "\":null}}}");
        await().atMost(DEADLINE)
                .untilAsserted(
                        () -> {
                            assertThat(datanodes("paused").getSpec().getReplicas()).isEqualTo(5);
                            assertThat(image(datanodes("paused")))
                                    .isEqualTo("dolphincluster/dolphin:0.2.0");
                            assertThat(condition("paused", ConditionTypes.PAUSED))
                                    .isEqualTo("False");
                        });
    }

    @Test
    void aStatefulSetThatRollsByItselfIsMovedToOnDelete() {
        apply(cluster("migrated"));
        await().atMost(DEADLINE).until(() -> ownedObjects("migrated").size() == OWNED_OBJECTS);
        client.apps()
                .statefulSets()
                .inNamespace(NS)
                .withName("migrated-datanode")
                .patch(
                        io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                        "{\"spec\":{\"updateStrategy\":{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"partition\":0}}}}");
        // A spec change makes the operator apply the StatefulSet again, which must not fail on the
        // old strategy.
        mergePatch("migrated", "{\"spec\":{\"image\":\"dolphincluster/dolphin:0.2.0\"}}");

        await().atMost(DEADLINE)
                .untilAsserted(
                        () -> {
                            assertThat(
                                            datanodes("migrated")
                                                    .getSpec()
                                                    .getUpdateStrategy()
                                                    .getType())
                                    .isEqualTo("OnDelete");
                            assertThat(
                                            datanodes("migrated")
                                                    .getSpec()
                                                    .getUpdateStrategy()
                                                    .getRollingUpdate())
                                    .isNull();
                            assertThat(image(datanodes("migrated")))
                                    .isEqualTo("dolphincluster/dolphin:0.2.0");
                        });
    }

    /**
     * A JSON merge patch: no resourceVersion, so the operator's status writes cannot make it
     * conflict.
     */
    private static DolphinCluster mergePatch(String cluster, String patch) {
        return client.resources(DolphinCluster.class)
                .inNamespace(NS)
                .withName(cluster)
                .patch(
                        io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                        patch);
    }

    private static io.fabric8.kubernetes.api.model.apps.StatefulSet datanodes(String cluster) {
        return client.apps().statefulSets().inNamespace(NS).withName(cluster + "-datanode").get();
    }

    private static String image(io.fabric8.kubernetes.api.model.apps.StatefulSet statefulSet) {
        return statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private static String condition(String cluster, String type) {
        DolphinCluster seen = fetch(cluster);
        if (seen.getStatus() == null) {
            return "";
        }
        return seen.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()))
                .map(c -> c.getStatus())
                .findFirst()
                .orElse("");
    }

    @Test
    void deletingAClusterRemovesItsObjectsAndVolumesWhenAsked() {
        DolphinCluster epsilon = cluster("epsilon");
        epsilon.getSpec().setVolumeReclaimPolicy(VolumeReclaimPolicy.Delete);
        apply(epsilon);
        await().atMost(DEADLINE).until(() -> ownedObjects("epsilon").size() == OWNED_OBJECTS);
        await().atMost(DEADLINE)
                .until(
                        () ->
                                !client.persistentVolumeClaims()
                                        .inNamespace(NS)
                                        .withLabel("app.kubernetes.io/instance", "epsilon")
                                        .list()
                                        .getItems()
                                        .isEmpty());

        client.resources(DolphinCluster.class).inNamespace(NS).withName("epsilon").delete();

        // Claims go only when kube-controller-manager's pvc-protection lets them (after the pods),
        // which
        // took up to ~40 s here: a longer bound than the others.
        await().atMost(DEADLINE.multipliedBy(3))
                .untilAsserted(
                        () -> {
                            assertThat(fetch("epsilon")).isNull();
                            assertThat(ownedObjects("epsilon")).isEmpty();
                            assertThat(
                                            client.persistentVolumeClaims()
                                                    .inNamespace(NS)
                                                    .withLabel(
                                                            "app.kubernetes.io/instance", "epsilon")
                                                    .list()
                                                    .getItems())
                                    .isEmpty();
                        });
    }
}
