package io.dolphincluster.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dolphincluster.e2e.harness.LocalControlPlane;
import io.dolphincluster.e2e.harness.LocalControlPlaneExtension;
import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.operator.model.DolphinClusterSpec;
import io.dolphincluster.pki.Pem;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator rotating a cluster's CA on a real API server: the annotation starts it, each step is
 * kept in the Secrets, a pod that is not running holds it at its wait (and an operator restarted
 * there resumes without issuing anything again), and it ends with the new CA alone; an operator
 * stopped while it replaced the CA Secret finishes the job when it starts. No controller manager or
 * kubelet: the pods are made by the test (Pending, never running), so only they, not the TLS
 * handshakes, decide the waits.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CaRotationIT {
    private static final String NS = "ca-rotation-it";
    private static final String CLUSTER = "rot";
    private static final String CRD = "../crds/dolphinclusters.dolphincluster.io-v1.yml";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @RegisterExtension
    static final LocalControlPlaneExtension KUBE =
            new LocalControlPlaneExtension(
                    LocalControlPlane.Options.defaults()
                            .withScheduler(false)
                            .withControllerManager(false));

    private static KubernetesClient client;
    private static KubernetesClient operatorClient;
    private static Operator operator;

    @BeforeAll
    static void installCrdAndStartOperator() throws IOException {
        client = KUBE.client();
        try (InputStream crd = new java.io.FileInputStream(CRD)) {
            client.apiextensions().v1().customResourceDefinitions().load(crd).serverSideApply();
        }
        await("the CRD is served")
                .atMost(DEADLINE)
                .until(() -> client.supports("dolphincluster.io/v1alpha1", "DolphinCluster"));
        client.namespaces()
                .resource(
                        new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .create();
        // No controller manager: the test makes the namespace's default ServiceAccount itself.
        client.serviceAccounts()
                .inNamespace(NS)
                .resource(
                        new ServiceAccountBuilder()
                                .withNewMetadata()
                                .withName("default")
                                .endMetadata()
                                .build())
                .create();
        startOperator();
    }

    private static void startOperator() {
        operatorClient = KUBE.plane().newClient();
        operator = DolphinOperator.create(operatorClient, OperatorSettings.forTests(Set.of(NS)));
        operator.start();
    }

    @AfterAll
    static void stopOperator() {
        if (operator != null) operator.stop();
        if (operatorClient != null) operatorClient.close();
        operator = null;
        operatorClient = null;
    }

    @Test
    @Order(1)
    void aRequestedRotationWaitsForADownPodAndResumesAfterARestart() throws Exception {
        DolphinCluster cluster = new DolphinCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName(CLUSTER).withNamespace(NS).build());
        cluster.setSpec(new DolphinClusterSpec());
        client.resource(cluster).inNamespace(NS).serverSideApply();
        await("the CA and both TLS Secrets")
                .atMost(DEADLINE)
                .until(
                        () ->
                                secret("rot-ca") != null
                                        && secret("rot-controller-tls") != null
                                        && secret("rot-datanode-tls") != null);
        X509Certificate old = certificates(secret("rot-ca"), "ca.crt").get(0);
        client.pods().inNamespace(NS).resource(downPod("rot-datanode-0", "datanode")).create();

        annotate("1");

        await("both TLS Secrets trust the new and the old CA, with certificates of the old")
                .atMost(DEADLINE)
                .ignoreExceptions()
                .untilAsserted(
                        () -> {
                            X509Certificate next =
                                    certificates(secret("rot-ca-next"), "ca.crt").get(0);
                            for (String role : List.of("controller", "datanode")) {
                                Secret tls = secret("rot-" + role + "-tls");
                                assertThat(certificates(tls, "ca.crt")).containsExactly(next, old);
                                certificates(tls, "tls.crt").get(0).verify(old.getPublicKey());
                            }
                            assertThat(change())
                                    .containsEntry("kind", "RotateCa")
                                    .hasEntrySatisfying(
                                            "step",
                                            step ->
                                                    assertThat((String) step)
                                                            .contains(
                                                                    "rot-datanode-0 is not"
                                                                            + " running"));
                        });
        assertThat(eventReasons()).contains("CaRotationStarted");
        X509Certificate next = certificates(secret("rot-ca-next"), "ca.crt").get(0);
        Map<String, String> versions = tlsVersions();

        stopOperator();
        startOperator();
        client.pods().inNamespace(NS).resource(downPod("rot-controller-0", "controller")).create();
        await("the restarted operator waits for the pods")
                .atMost(DEADLINE)
                .ignoreExceptions()
                .untilAsserted(
                        () ->
                                assertThat(change())
                                        .hasEntrySatisfying(
                                                "step",
                                                step ->
                                                        assertThat((String) step)
                                                                .contains(
                                                                        "rot-controller-0 is not"
                                                                                + " running")));
        assertThat(tlsVersions()).as("nothing issued again").isEqualTo(versions);
        assertThat(certificates(secret("rot-ca-next"), "ca.crt").get(0)).isEqualTo(next);
        assertThat(certificates(secret("rot-ca"), "ca.crt").get(0)).isEqualTo(old);

        for (String pod : List.of("rot-controller-0", "rot-datanode-0")) {
            client.pods().inNamespace(NS).withName(pod).withGracePeriod(0).delete();
        }

        await("the new CA alone, everywhere")
                .atMost(DEADLINE)
                .ignoreExceptions()
                .untilAsserted(
                        () -> {
                            assertThat(secret("rot-ca-next")).isNull();
                            Secret ca = secret("rot-ca");
                            assertThat(certificates(ca, "ca.crt")).containsExactly(next);
                            assertThat(ca.getImmutable()).isTrue();
                            assertThat(ca.getMetadata().getAnnotations())
                                    .containsEntry("dolphincluster.io/rotation-request", "1");
                            for (String role : List.of("controller", "datanode")) {
                                Secret tls = secret("rot-" + role + "-tls");
                                assertThat(certificates(tls, "ca.crt")).containsExactly(next);
                                certificates(tls, "tls.crt").get(0).verify(next.getPublicKey());
                            }
                            assertThat(change()).isNull();
                        });
        assertThat(eventReasons())
                .contains("CaRotationNewCertificates", "CaRotationFinished")
                .doesNotContain("CertificatesUnavailable");
    }

    @Test
    @Order(2)
    void anOperatorStoppedWhileReplacingTheCaSecretFinishesWhenItStarts() throws Exception {
        Secret ca = secret("rot-ca");
        Map<String, String> versions = tlsVersions();
        stopOperator();
        // What the operator leaves when it stops between deleting <cluster>-ca and creating it
        // again from <cluster>-ca-next.
        client.secrets()
                .inNamespace(NS)
                .resource(
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName("rot-ca-next")
                                .withNamespace(NS)
                                .withAnnotations(Map.of("dolphincluster.io/rotation-request", "1"))
                                .endMetadata()
                                .withImmutable(true)
                                .withData(ca.getData())
                                .build())
                .create();
        client.secrets().inNamespace(NS).withName("rot-ca").delete();
        await("gone").atMost(DEADLINE).until(() -> secret("rot-ca") == null);

        startOperator();

        await("the CA Secret is back, the same CA, and -ca-next is gone")
                .atMost(DEADLINE)
                .ignoreExceptions()
                .untilAsserted(
                        () -> {
                            assertThat(secret("rot-ca-next")).isNull();
                            assertThat(secret("rot-ca").getData()).isEqualTo(ca.getData());
                        });
        assertThat(tlsVersions()).as("no certificate issued").isEqualTo(versions);
    }

    private static Pod downPod(String name, String role) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .withLabels(
                        Map.of(
                                "app.kubernetes.io/instance",
                                CLUSTER,
                                "app.kubernetes.io/component",
                                role))
                .endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .addNewContainer()
                .withName("dolphin")
                .withImage("dolphincluster/dolphin:0.1.0")
                .endContainer()
                .endSpec()
                .build();
    }

    private static void annotate(String value) {
        client.resources(DolphinCluster.class)
                .inNamespace(NS)
                .withName(CLUSTER)
                .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"annotations\":{\"dolphincluster.io/rotate-ca\":\""
                                + value
                                + "\"}}}");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> change() {
        var resource =
                client.genericKubernetesResources("dolphincluster.io/v1alpha1", "DolphinCluster")
                        .inNamespace(NS)
                        .withName(CLUSTER)
                        .get();
        Map<String, Object> status =
                (Map<String, Object>) resource.getAdditionalProperties().get("status");
        return status == null ? null : (Map<String, Object>) status.get("change");
    }

    private static Map<String, String> tlsVersions() {
        return Map.of(
                "controller",
                secret("rot-controller-tls").getMetadata().getResourceVersion(),
                "datanode",
                secret("rot-datanode-tls").getMetadata().getResourceVersion());
    }

    private static Secret secret(String name) {
        return client.secrets().inNamespace(NS).withName(name).get();
    }

    private static List<X509Certificate> certificates(Secret secret, String key) {
        return Pem.certificates(Base64.getDecoder().decode(secret.getData().get(key)));
    }

    private static List<String> eventReasons() {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> CLUSTER.equals(e.getInvolvedObject().getName()))
                .map(e -> e.getReason())
                .toList();
    }
}
