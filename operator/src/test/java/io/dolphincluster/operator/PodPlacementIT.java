package io.dolphincluster.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dolphincluster.e2e.harness.LocalControlPlane;
import io.dolphincluster.e2e.harness.LocalControlPlaneExtension;
import io.dolphincluster.e2e.harness.SimulatedNodes;
import io.dolphincluster.operator.model.ConditionTypes;
import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.operator.model.DolphinClusterSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real kube-scheduler placing the operator's pods on simulated nodes: on three, controllers on
 * distinct nodes and, at reliability level 1, a fourth datanode Pending rather than sharing a node;
 * on one, every pod of the dev sample (manifests/cluster-dev.yaml); and a pod whose volume is bound
 * to a node that is gone, Pending and reported in the VolumeNodeLost condition until its claim and
 * then the pod are deleted. (Pods are only scheduled, not run: the harness has no kubelet.)
 */
class PodPlacementIT {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @RegisterExtension
    static final LocalControlPlaneExtension KUBE =
            new LocalControlPlaneExtension(LocalControlPlane.Options.defaults());

    private static List<Pod> pods(KubernetesClient client, String cluster, String component) {
        return client.pods()
                .inNamespace("default")
                .withLabel("app.kubernetes.io/instance", cluster)
                .withLabel("app.kubernetes.io/component", component)
                .list()
                .getItems();
    }

    private static Set<String> nodesOf(List<Pod> pods) {
        return pods.stream()
                .map(p -> p.getSpec().getNodeName())
                .filter(n -> n != null)
                .collect(Collectors.toSet());
    }

    private static void crdEstablished(KubernetesClient client) throws IOException {
        try (InputStream crd =
                new FileInputStream("../crds/dolphinclusters.dolphincluster.io-v1.yml")) {
            client.apiextensions().v1().customResourceDefinitions().load(crd).serverSideApply();
        }
        await().atMost(DEADLINE)
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
    }

    /** Volumes for the claims to bind to (there is no provisioner): one per pod. */
    private static void volumes(KubernetesClient client, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            client.persistentVolumes()
                    .resource(
                            new PersistentVolumeBuilder()
                                    .withNewMetadata()
                                    .withName(prefix + i)
                                    .endMetadata()
                                    .withNewSpec()
                                    .addToCapacity("storage", new Quantity("1Gi"))
                                    .withAccessModes("ReadWriteOnce")
                                    .withNewHostPath()
                                    .withPath("/tmp/" + prefix + i)
                                    .endHostPath()
                                    .endSpec()
                                    .build())
                    .create();
        }
    }

    @Test
    void levelOneKeepsDatanodesOnDistinctNodesEvenIfOneMustWait() throws IOException {
        KubernetesClient client = KUBE.client();
        crdEstablished(client);
        volumes(client, "pv-", 7);
        try (SimulatedNodes nodes = new SimulatedNodes(client);
                KubernetesClient operatorClient = KUBE.plane().newClient()) {
            nodes.register("node-a", "zone-1");
            nodes.register("node-b", "zone-2");
            nodes.register("node-c", "zone-3");
            Operator operator =
                    DolphinOperator.create(
                            operatorClient, OperatorSettings.forTests(Set.of("default")));
            operator.start();
            try {
                DolphinCluster cluster = new DolphinCluster();
                cluster.setMetadata(
                        new ObjectMetaBuilder()
                                .withName("placed")
                                .withNamespace("default")
                                .build());
                cluster.setSpec(new DolphinClusterSpec());
                cluster.getSpec().getDatanodes().setReplicas(4);
                cluster.getSpec().getReplication().setReliabilityLevel(1);
                client.resource(cluster).serverSideApply();

                await().atMost(DEADLINE)
                        .untilAsserted(
                                () -> {
                                    assertThat(nodesOf(pods(client, "placed", "controller")))
                                            .hasSize(3);
                                    List<Pod> datanodes = pods(client, "placed", "datanode");
                                    assertThat(datanodes).hasSize(4);
                                    assertThat(nodesOf(datanodes))
                                            .containsExactlyInAnyOrder(
                                                    "node-a", "node-b", "node-c");
                                    assertThat(datanodes)
                                            .filteredOn(p -> p.getSpec().getNodeName() == null)
                                            .singleElement()
                                            .satisfies(
                                                    p ->
                                                            assertThat(
                                                                            p.getStatus()
                                                                                    .getConditions())
                                                                    .anySatisfy(
                                                                            c ->
                                                                                    assertThat(
                                                                                                    c
                                                                                                            .getMessage())
                                                                                            .contains(
                                                                                                    "anti-affinity")));
                                });
            } finally {
                operator.stop();
            }
        }
    }

    @Test
    void theDevSampleRunsEveryPodOnOneNode() throws IOException {
        KubernetesClient client = KUBE.client();
        crdEstablished(client);
        volumes(client, "pv-dev-", 5);
        try (SimulatedNodes nodes = new SimulatedNodes(client);
                KubernetesClient operatorClient = KUBE.plane().newClient()) {
            nodes.register("node-solo", "zone-1");
            Operator operator =
                    DolphinOperator.create(
                            operatorClient, OperatorSettings.forTests(Set.of("default")));
            operator.start();
            try {
                DolphinCluster dev =
                        OperatorDeploymentManifestTest.load(
                                "../manifests/cluster-dev.yaml", DolphinCluster.class);
                // The plane may hold other tests' nodes: the selector makes node-solo the only one
                // this cluster has.
                dev.getSpec()
                        .getPlacement()
                        .setNodeSelector(Map.of(SimulatedNodes.HOSTNAME_LABEL, "node-solo"));
                client.resource(dev).serverSideApply();

                await().atMost(DEADLINE)
                        .untilAsserted(
                                () -> {
                                    assertThat(pods(client, "dev", "controller"))
                                            .hasSize(3)
                                            .allSatisfy(
                                                    p ->
                                                            assertThat(p.getSpec().getNodeName())
                                                                    .isEqualTo("node-solo"));
                                    assertThat(pods(client, "dev", "datanode"))
                                            .hasSize(2)
                                            .allSatisfy(
                                                    p ->
                                                            assertThat(p.getSpec().getNodeName())
                                                                    .isEqualTo("node-solo"));
                                });
            } finally {
                operator.stop();
                client.nodes()
                        .withName("node-solo")
                        .delete(); // not a node for the other test's pods
            }
        }
    }

    @Test
    void aPodWhoseVolumeIsBoundToAGoneNodeIsReportedStranded() throws IOException {
        KubernetesClient client = KUBE.client();
        crdEstablished(client);
        volumes(
                client,
                "pv-lost-",
                2); // the controller's, and the datanode's once its claim is replaced
        // The datanode's claim exists already, bound to a local volume of a node that is no more.
        client.persistentVolumes()
                .resource(
                        new PersistentVolumeBuilder()
                                .withNewMetadata()
                                .withName("pv-on-gone-node")
                                .endMetadata()
                                .withNewSpec()
                                .addToCapacity("storage", new Quantity("1Gi"))
                                .withAccessModes("ReadWriteOnce")
                                .withNewLocal()
                                .withPath("/mnt/disk0")
                                .endLocal()
                                .withNewNodeAffinity()
                                .withNewRequired()
                                .addNewNodeSelectorTerm()
                                .addNewMatchExpression()
                                .withKey(SimulatedNodes.HOSTNAME_LABEL)
                                .withOperator("In")
                                .withValues("node-gone")
                                .endMatchExpression()
                                .endNodeSelectorTerm()
                                .endRequired()
                                .endNodeAffinity()
                                .endSpec()
                                .build())
                .create();
        client.persistentVolumeClaims()
                .inNamespace("default")
                .resource(
                        new PersistentVolumeClaimBuilder()
                                .withNewMetadata()
                                .withName("data-lost-datanode-0")
                                .endMetadata()
                                .withNewSpec()
                                .withAccessModes("ReadWriteOnce")
                                .withVolumeName("pv-on-gone-node")
                                .withStorageClassName("")
                                .withNewResources()
                                .addToRequests("storage", new Quantity("1Gi"))
                                .endResources()
                                .endSpec()
                                .build())
                .create();
        try (SimulatedNodes nodes = new SimulatedNodes(client);
                KubernetesClient operatorClient = KUBE.plane().newClient()) {
            nodes.register("node-left", "zone-1");
            Operator operator =
                    DolphinOperator.create(
                            operatorClient, OperatorSettings.forTests(Set.of("default")));
            operator.start();
            try {
                DolphinCluster cluster = new DolphinCluster();
                cluster.setMetadata(
                        new ObjectMetaBuilder().withName("lost").withNamespace("default").build());
                cluster.setSpec(new DolphinClusterSpec());
                cluster.getSpec().getControllers().setReplicas(1);
                cluster.getSpec().getDatanodes().setReplicas(1);
                cluster.getSpec().getReplication().setFactor(1);
                client.resource(cluster).serverSideApply();

                // The status is refreshed at least every minute; the pod's PodScheduled condition
                // may come after the
                // StatefulSet change that prompted the first reconcile.
                await().atMost(Duration.ofSeconds(150))
                        .untilAsserted(
                                () -> {
                                    DolphinCluster seen =
                                            client.resources(DolphinCluster.class)
                                                    .inNamespace("default")
                                                    .withName("lost")
                                                    .get();
                                    assertThat(seen.getStatus()).isNotNull();
                                    assertThat(seen.getStatus().getConditions())
                                            .filteredOn(
                                                    c ->
                                                            c.getType()
                                                                    .equals(
                                                                            ConditionTypes
                                                                                    .VOLUME_NODE_LOST))
                                            .singleElement()
                                            .satisfies(
                                                    c -> {
                                                        assertThat(c.getStatus()).isEqualTo("True");
                                                        assertThat(c.getMessage())
                                                                .contains(
                                                                        "lost-datanode-0",
                                                                        "claim data-lost-datanode-0");
                                                    });
                                });

                // What docs/operator.md ("Node loss") says to do: the claim, then the pod.
                client.persistentVolumeClaims()
                        .inNamespace("default")
                        .withName("data-lost-datanode-0")
                        .delete();
                client.pods().inNamespace("default").withName("lost-datanode-0").delete();
                await().atMost(Duration.ofSeconds(150))
                        .untilAsserted(
                                () -> {
                                    Pod datanode =
                                            client.pods()
                                                    .inNamespace("default")
                                                    .withName("lost-datanode-0")
                                                    .get();
                                    assertThat(datanode).isNotNull();
                                    assertThat(datanode.getSpec().getNodeName())
                                            .as("scheduled on a live node")
                                            .isNotNull();
                                    assertThat(
                                                    client.resources(DolphinCluster.class)
                                                            .inNamespace("default")
                                                            .withName("lost")
                                                            .get()
                                                            .getStatus()
                                                            .getConditions())
                                            .filteredOn(
                                                    c ->
                                                            c.getType()
                                                                    .equals(
                                                                            ConditionTypes
                                                                                    .VOLUME_NODE_LOST))
                                            .singleElement()
                                            .satisfies(
                                                    c ->
                                                            assertThat(c.getStatus())
                                                                    .isEqualTo("False"));
                                });
            } finally {
                operator.stop();
                client.nodes().withName("node-left").delete();
            }
        }
    }
}
