package io.dolphincluster.e2e.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The control plane is a real Kubernetes: server-side apply, CRD schema validation, and the
 * controller-manager plus scheduler turning a StatefulSet into pods placed with required
 * anti-affinity on simulated nodes. Closing it leaves no process behind.
 */
class LocalControlPlaneIT {

    private static final Duration SCHEDULING_DEADLINE = Duration.ofSeconds(90);
    private static final AtomicBoolean FAILED = new AtomicBoolean();

    @RegisterExtension
    static final TestWatcher RECORD_FAILURES =
            new TestWatcher() {
                @Override
                public void testFailed(ExtensionContext context, Throwable cause) {
                    FAILED.set(true);
                }
            };

    private static LocalControlPlane plane;
    private static KubernetesClient client;

    @BeforeAll
    static void startPlane() {
        plane = LocalControlPlane.start(LocalControlPlane.Options.defaults());
        client = plane.client();
    }

    @AfterAll
    static void closeLeavesNoProcessBehind() {
        Map<String, Long> pids = plane.pids();
        Path dir = plane.dir();
        if (FAILED.get()) {
            plane.keepFilesOnClose();
        }
        plane.close();

        assertThat(pids)
                .containsOnlyKeys(
                        "etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler");
        assertThat(pids.values())
                .allSatisfy(
                        pid ->
                                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                                        .as("process %d after close", pid)
                                        .isNotEqualTo(Optional.of(true)));
        if (!plane.keepsFilesOnClose()) {
            assertThat(dir).doesNotExist();
        }
    }

    @Test
    void serverSideApplyCreatesThenUpdatesAConfigMap() {
        String ns = createNamespace("ssa");
        ConfigMap desired =
                new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("seed-files")
                        .withNamespace(ns)
                        .endMetadata()
                        .addToData("controller.cfg", "mode=controller\n")
                        .build();
        client.configMaps()
                .inNamespace(ns)
                .resource(desired)
                .fieldManager("dolphin-it")
                .forceConflicts()
                .serverSideApply();

        desired.getData().put("cluster.cfg", "dfsReplicationFactor=2\n");
        ConfigMap applied =
                client.configMaps()
                        .inNamespace(ns)
                        .resource(desired)
                        .fieldManager("dolphin-it")
                        .forceConflicts()
                        .serverSideApply();

        assertThat(applied.getData()).containsOnlyKeys("controller.cfg", "cluster.cfg");
        assertThat(applied.getMetadata().getManagedFields())
                .extracting(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getOperation)
                .contains(tuple("dolphin-it", "Apply"));
    }

    @Test
    void crdSchemaRejectsAnInvalidObjectAndAcceptsAValidOne() {
        String ns = createNamespace("crd");
        CustomResourceDefinition crd =
                new CustomResourceDefinitionBuilder()
                        .withNewMetadata()
                        .withName("widgets.test.dolphincluster.io")
                        .endMetadata()
                        .withNewSpec()
                        .withGroup("test.dolphincluster.io")
                        .withScope("Namespaced")
                        .withNewNames()
                        .withKind("Widget")
                        .withPlural("widgets")
                        .withSingular("widget")
                        .endNames()
                        .addNewVersion()
                        .withName("v1")
                        .withServed(true)
                        .withStorage(true)
                        .withNewSchema()
                        .withOpenAPIV3Schema(
                                new JSONSchemaPropsBuilder()
                                        .withType("object")
                                        .addToProperties(
                                                "spec",
                                                new JSONSchemaPropsBuilder()
                                                        .withType("object")
                                                        .withRequired("replicas")
                                                        .addToProperties(
                                                                "replicas",
                                                                new JSONSchemaPropsBuilder()
                                                                        .withType("integer")
                                                                        .withMinimum(1.0)
                                                                        .build())
                                                        .build())
                                        .build())
                        .endSchema()
                        .endVersion()
                        .endSpec()
                        .build();
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> isEstablished(crd.getMetadata().getName()));
        MixedOperation<
                        GenericKubernetesResource,
                        GenericKubernetesResourceList,
                        Resource<GenericKubernetesResource>>
                widgets =
                        client.genericKubernetesResources(
                                new ResourceDefinitionContext.Builder()
                                        .withGroup("test.dolphincluster.io")
                                        .withVersion("v1")
                                        .withKind("Widget")
                                        .withPlural("widgets")
                                        .withNamespaced(true)
                                        .build());

        // Established can precede the handler serving the new type by a moment: retry the valid
        // create.
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptionsMatching(
                        e ->
                                e instanceof KubernetesClientException
                                        && ((KubernetesClientException) e).getCode() == 404)
                .until(
                        () ->
                                widgets.inNamespace(ns).resource(widget(ns, "good", 3)).create()
                                        != null);

        assertThatThrownBy(
                        () -> widgets.inNamespace(ns).resource(widget(ns, "bad", "three")).create())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> {
                            assertThat(e.getCode()).isEqualTo(422);
                            assertThat(e.getMessage()).contains("spec.replicas");
                        });
        assertThatThrownBy(() -> widgets.inNamespace(ns).resource(widget(ns, "zero", 0)).create())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(422));
        assertThat(widgets.inNamespace(ns).list().getItems())
                .extracting(w -> w.getMetadata().getName())
                .containsExactly("good");
    }

    @Test
    void schedulerPlacesStatefulSetPodsOnDistinctSimulatedNodesAndLeavesTheExtraOnePending() {
        String ns = createNamespace("sched");
        List<String> nodeNames = List.of("sim-node-1", "sim-node-2", "sim-node-3");
        try (SimulatedNodes nodes = new SimulatedNodes(client)) {
            for (int i = 0; i < nodeNames.size(); i++) {
                nodes.register(nodeNames.get(i), "zone-" + (char) ('a' + i));
            }
            assertThat(client.nodes().withName("sim-node-2").get().getSpec().getTaints())
                    .noneMatch(t -> SimulatedNodes.NOT_READY_TAINT.equals(t.getKey()));

            client.apps()
                    .statefulSets()
                    .inNamespace(ns)
                    .resource(antiAffineStatefulSet(ns, 4))
                    .create();

            await().atMost(SCHEDULING_DEADLINE)
                    .untilAsserted(
                            () -> {
                                List<Pod> pods =
                                        client.pods()
                                                .inNamespace(ns)
                                                .withLabel("app", "web")
                                                .list()
                                                .getItems();
                                assertThat(pods).hasSize(4);
                                List<Pod> bound =
                                        pods.stream()
                                                .filter(p -> p.getSpec().getNodeName() != null)
                                                .toList();
                                List<Pod> pending =
                                        pods.stream()
                                                .filter(p -> p.getSpec().getNodeName() == null)
                                                .toList();
                                assertThat(bound).hasSize(3);
                                assertThat(
                                                bound.stream()
                                                        .map(p -> p.getSpec().getNodeName())
                                                        .collect(Collectors.toSet()))
                                        .isEqualTo(Set.copyOf(nodeNames));
                                assertThat(pending)
                                        .singleElement()
                                        .satisfies(
                                                p ->
                                                        assertThat(unschedulableMessage(p))
                                                                .contains("anti-affinity"));
                            });
        }
    }

    @Test
    void kubeconfigFileReachesTheApiServer() throws Exception {
        assertThat(Files.readString(plane.kubeconfig())).contains("insecure-skip-tls-verify: true");
        try (KubernetesClient fromFile =
                new KubernetesClientBuilder()
                        .withConfig(Config.fromKubeconfig(plane.kubeconfig().toFile()))
                        .build()) {
            assertThat(fromFile.getMasterUrl().toString()).startsWith(plane.serverUrl());
            assertThat(fromFile.getKubernetesVersion().getGitVersion()).startsWith("v1.20.");
            assertThat(fromFile.namespaces().withName("kube-system").get()).isNotNull();
        }
    }

    private static String createNamespace(String name) {
        client.namespaces()
                .resource(
                        new NamespaceBuilder()
                                .withNewMetadata()
                                .withName(name)
                                .endMetadata()
                                .build())
                .create();
        return name;
    }

    private static boolean isEstablished(String crdName) {
        CustomResourceDefinition current =
                client.apiextensions().v1().customResourceDefinitions().withName(crdName).get();
        return current.getStatus() != null
                && current.getStatus().getConditions() != null
                && current.getStatus().getConditions().stream()
                        .anyMatch(
                                c ->
                                        "Established".equals(c.getType())
                                                && "True".equals(c.getStatus()));
    }

    private static GenericKubernetesResource widget(String ns, String name, Object replicas) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("test.dolphincluster.io/v1")
                .withKind("Widget")
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .endMetadata()
                .addToAdditionalProperties("spec", Map.of("replicas", replicas))
                .build();
    }

    private static StatefulSet antiAffineStatefulSet(String ns, int replicas) {
        return new StatefulSetBuilder()
                .withNewMetadata()
                .withName("web")
                .withNamespace(ns)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withServiceName("web")
                // No kubelet makes pods Ready, so OrderedReady would never get past the first pod.
                .withPodManagementPolicy("Parallel")
                .withNewSelector()
                .addToMatchLabels("app", "web")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "web")
                .endMetadata()
                .withNewSpec()
                .withNewAffinity()
                .withNewPodAntiAffinity()
                .addNewRequiredDuringSchedulingIgnoredDuringExecution()
                .withTopologyKey(SimulatedNodes.HOSTNAME_LABEL)
                .withNewLabelSelector()
                .addToMatchLabels("app", "web")
                .endLabelSelector()
                .endRequiredDuringSchedulingIgnoredDuringExecution()
                .endPodAntiAffinity()
                .endAffinity()
                .addNewContainer()
                .withName("main")
                .withImage("dolphincluster/runtime:test")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static String unschedulableMessage(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return "";
        }
        return pod.getStatus().getConditions().stream()
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
                .map(PodCondition::getMessage)
                .findFirst()
                .orElse("");
    }
}
