package io.dolphincluster.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dolphincluster.e2e.harness.LocalControlPlane;
import io.dolphincluster.e2e.harness.LocalControlPlaneExtension;
import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.operator.model.Phase;
import io.dolphincluster.operator.model.VolumeReclaimPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shipped manifests/ and crds/ applied to a real API server, then the operator run with the
 * ServiceAccount's own token and leader election on: proves the files apply and that the RBAC they
 * grant is enough to reconcile and delete the sample cluster.yaml.
 */
class OperatorManifestsIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String SYSTEM_NS = "dolphincluster-system";

    @RegisterExtension
    static final LocalControlPlaneExtension KUBE =
            new LocalControlPlaneExtension(
                    LocalControlPlane.Options.defaults().withScheduler(false));

    private static List<HasMetadata> applyFile(KubernetesClient client, String path)
            throws IOException {
        try (InputStream in = new FileInputStream(path)) {
            List<HasMetadata> items = client.load(in).items();
            items.forEach(item -> client.resource(item).serverSideApply());
            return items;
        }
    }

    private static Lease lease(KubernetesClient admin) {
        return admin.leases().inNamespace(SYSTEM_NS).withName(OperatorSettings.DEFAULT_LEASE).get();
    }

    private static String serviceAccountToken(KubernetesClient admin) {
        await().atMost(DEADLINE)
                .until(
                        () -> {
                            ServiceAccount account =
                                    admin.serviceAccounts()
                                            .inNamespace(SYSTEM_NS)
                                            .withName("dolphincluster-operator")
                                            .get();
                            return account != null && !account.getSecrets().isEmpty();
                        });
        String secretName =
                admin.serviceAccounts()
                        .inNamespace(SYSTEM_NS)
                        .withName("dolphincluster-operator")
                        .get()
                        .getSecrets()
                        .get(0)
                        .getName();
        Secret secret = admin.secrets().inNamespace(SYSTEM_NS).withName(secretName).get();
        return new String(
                Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8);
    }

    /**
     * Runs the machine's kubectl against the plane and returns what it printed (stdout and stderr).
     */
    private static String kubectl(String... args) throws IOException, InterruptedException {
        List<String> command =
                new java.util.ArrayList<>(
                        List.of("kubectl", "--kubeconfig", KUBE.plane().kubeconfig().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            return output;
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void theManifestsApplyAndTheirRbacIsEnoughToReconcileAndDeleteTheSample() throws Exception {
        KubernetesClient admin = KUBE.client();
        applyFile(admin, "../manifests/00-namespace.yaml");
        applyFile(admin, "../crds/dolphinclusters.dolphincluster.io-v1.yml");
        applyFile(admin, "../manifests/10-rbac.yaml");
        applyFile(admin, "../manifests/20-operator.yaml");
        await().atMost(DEADLINE)
                .until(
                        () ->
                                admin
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

        await("kubectl explain reads the CRD's descriptions")
                .atMost(DEADLINE)
                .untilAsserted(
                        () ->
                                assertThat(kubectl("explain", "dolphincluster.spec.replication"))
                                        .contains(
                                                "How many replicas each chunk has",
                                                "reliabilityLevel",
                                                "dfsReplicaReliabilityLevel"));
        // kubectl explain wraps the descriptions: compare with the whitespace collapsed.
        assertThat(kubectl("explain", "dolphincluster").replaceAll("\\s+", " "))
                .contains("A highly available DolphinDB-style database cluster");
        assertThat(kubectl("explain", "dolphincluster.spec").replaceAll("\\s+", " "))
                .contains("The cluster the user asks for");
        assertThat(kubectl("explain", "dolphincluster.status").replaceAll("\\s+", " "))
                .contains("What the operator observed");

        String token = serviceAccountToken(admin);
        try (KubernetesClient asOperator =
                new KubernetesClientBuilder()
                        .withConfig(
                                new ConfigBuilder(KUBE.plane().clientConfig())
                                        .withOauthToken(token)
                                        .build())
                        .build()) {
            OperatorSettings settings =
                    new OperatorSettings(
                            Set.of(),
                            true,
                            OperatorSettings.DEFAULT_LEASE,
                            SYSTEM_NS,
                            OperatorSettings.newIdentity("manifests-it"),
                            false,
                            Duration.ofMillis(500));
            LeaseHandover handover = new LeaseHandover(asOperator, settings);
            Operator operator = DolphinOperator.create(asOperator, settings, handover, o -> {});
            operator.start();
            boolean stopped = false;
            try {
                applyFile(admin, "../manifests/cluster.yaml");

                await().atMost(DEADLINE)
                        .untilAsserted(
                                () -> {
                                    DolphinCluster demo =
                                            admin.resources(DolphinCluster.class)
                                                    .inNamespace("default")
                                                    .withName("demo")
                                                    .get();
                                    assertThat(demo.getStatus()).isNotNull();
                                    assertThat(demo.getStatus().getPhase())
                                            .isEqualTo(Phase.Progressing);
                                    assertThat(demo.getStatus().getControllersReady())
                                            .isEqualTo("0/3");
                                });
                assertThat(
                                kubectl("get", "dolphinclusters", "-n", "default")
                                        .lines()
                                        .findFirst()
                                        .orElseThrow()
                                        .split("\\s+"))
                        .as("kubectl get's columns")
                        .containsExactly(
                                "NAME", "PHASE", "LEADER", "CONTROLLERS", "DATANODES", "RF", "AGE");
                assertThat(
                                admin.apps()
                                        .statefulSets()
                                        .inNamespace("default")
                                        .withName("demo-datanode")
                                        .get()
                                        .getSpec()
                                        .getTemplate()
                                        .getSpec()
                                        .getAffinity()
                                        .getPodAntiAffinity()
                                        .getRequiredDuringSchedulingIgnoredDuringExecution())
                        .hasSize(1);
                assertThat(
                                admin.leases()
                                        .inNamespace(SYSTEM_NS)
                                        .withName(OperatorSettings.DEFAULT_LEASE)
                                        .get()
                                        .getSpec()
                                        .getHolderIdentity())
                        .isNotBlank();
                var firstRenewal =
                        admin.leases()
                                .inNamespace(SYSTEM_NS)
                                .withName(OperatorSettings.DEFAULT_LEASE)
                                .get()
                                .getSpec()
                                .getRenewTime();
                await("the leader renews its Lease")
                        .atMost(DEADLINE)
                        .until(
                                () ->
                                        !firstRenewal.equals(
                                                admin.leases()
                                                        .inNamespace(SYSTEM_NS)
                                                        .withName(OperatorSettings.DEFAULT_LEASE)
                                                        .get()
                                                        .getSpec()
                                                        .getRenewTime()));

                // Deleting with volumeReclaimPolicy Delete exercises the cleanup's permissions too.
                await().atMost(DEADLINE)
                        .until(
                                () ->
                                        !admin.persistentVolumeClaims()
                                                .inNamespace("default")
                                                .withLabel("app.kubernetes.io/instance", "demo")
                                                .list()
                                                .getItems()
                                                .isEmpty());
                admin.resources(DolphinCluster.class)
                        .inNamespace("default")
                        .withName("demo")
                        .edit(
                                demo -> {
                                    demo.getSpec()
                                            .setVolumeReclaimPolicy(VolumeReclaimPolicy.Delete);
                                    return demo;
                                });
                admin.resources(DolphinCluster.class)
                        .inNamespace("default")
                        .withName("demo")
                        .delete();
                await().atMost(DEADLINE)
                        .untilAsserted(
                                () -> {
                                    assertThat(
                                                    admin.resources(DolphinCluster.class)
                                                            .inNamespace("default")
                                                            .withName("demo")
                                                            .get())
                                            .isNull();
                                    assertThat(
                                                    admin.persistentVolumeClaims()
                                                            .inNamespace("default")
                                                            .withLabel(
                                                                    "app.kubernetes.io/instance",
                                                                    "demo")
                                                            .list()
                                                            .getItems())
                                            .isEmpty();
                                });

                // A stopping replica hands its Lease back (with the Role's verbs), so a standby
                // need not wait out the lease duration.
                assertThat(lease(admin).getSpec().getHolderIdentity())
                        .isEqualTo(settings.identity());
                handover.stop(operator);
                stopped = true;
                assertThat(lease(admin).getSpec().getHolderIdentity()).isNull();
                assertThat(lease(admin).getSpec().getLeaseDurationSeconds()).isEqualTo(1);
            } finally {
                if (!stopped) {
                    operator.stop();
                }
            }
        }
    }
}
