package io.dolphincluster.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dolphincluster.e2e.harness.LocalControlPlane;
import io.dolphincluster.e2e.harness.LocalControlPlaneExtension;
import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.operator.model.DolphinClusterSpec;
import io.dolphincluster.pki.CertificateAuthority;
import io.dolphincluster.pki.Pem;
import io.dolphincluster.pki.SubjectNames;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator with cert-manager's CRDs installed, on a real API server: {@code spec.tls.issuer:
 * auto} makes it ask cert-manager (an Issuer pair and a Certificate per role, with the operator's
 * names, validity and renewal point) and wait for the Secrets instead of issuing its own; {@code
 * operator} keeps its own CA; when the CRDs go, a cluster keeps the Secrets cert-manager wrote (no
 * CA of the operator's replaces them). cert-manager cannot run here (no image registry): the CRDs
 * are stand-ins ({@code cert-manager-stand-in.yaml}) and this test plays cert-manager, writing each
 * Secret a Certificate names with a certificate its test CA signs. No kubelet: pods stay Pending.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CertManagerIT {
    private static final String NS = "cert-manager-it";
    private static final String CRD = "../crds/dolphinclusters.dolphincluster.io-v1.yml";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /**
     * The API server's CRD finalizer deletes a CRD's instances, then polls for up to a minute until
     * none is left. A create that races the CRD's Terminating condition (the operator applies its
     * Certificates while the Secrets this test writes make it reconcile) leaves one behind, and
     * only the finalizer's second pass, after that minute, deletes it: seen in CI, an Issuer
     * created after the CRD turned Terminating.
     */
    private static final Duration CRD_DELETION_DEADLINE = Duration.ofMinutes(3);

    @RegisterExtension
    static final LocalControlPlaneExtension KUBE =
            new LocalControlPlaneExtension(
                    LocalControlPlane.Options.defaults().withScheduler(false));

    private static KubernetesClient client;
    private static KubernetesClient operatorClient;
    private static Operator operator;

    @BeforeAll
    static void installCrdsAndStartOperator() throws IOException {
        client = KUBE.client();
        try (InputStream crd = new java.io.FileInputStream(CRD)) {
            client.apiextensions().v1().customResourceDefinitions().load(crd).serverSideApply();
        }
        try (InputStream standIn =
                CertManagerIT.class.getResourceAsStream("/cert-manager-stand-in.yaml")) {
            client.load(standIn).serverSideApply();
        }
        await("the CRDs are served")
                .atMost(DEADLINE)
                .until(
                        () ->
                                client.supports("cert-manager.io/v1", "Certificate")
                                        && client.supports("cert-manager.io/v1", "Issuer")
                                        && client.supports(
                                                "dolphincluster.io/v1alpha1", "DolphinCluster"));
        client.namespaces()
                .resource(
                        new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .create();
        operatorClient = KUBE.plane().newClient();
        operator = DolphinOperator.create(operatorClient, OperatorSettings.forTests(Set.of(NS)));
        operator.start();
    }

    @AfterAll
    static void stopOperator() {
        if (operator != null) operator.stop();
        if (operatorClient != null) operatorClient.close();
    }

    @Test
    @Order(1)
    void autoAsksCertManagerAndThePodsMountWhatItIssues() throws Exception {
        apply(cluster("cm", null));

        await("the operator's Issuers and Certificates")
                .atMost(DEADLINE)
                .ignoreExceptions()
                .untilAsserted(
                        () -> {
                            assertThat(issuer("cm-selfsigned").get("selfSigned")).isNotNull();
                            assertThat(issuer("cm-ca").get("ca"))
                                    .isEqualTo(Map.of("secretName", "cm-ca"));
                            assertThat(certificate("cm-ca")).isNotNull();
                            assertThat(certificate("cm-controller-tls")).isNotNull();
                            assertThat(certificate("cm-datanode-tls")).isNotNull();
                        });
        Map<String, Object> caSpec = certificate("cm-ca");
        assertThat(caSpec)
                .containsEntry("isCA", true)
                .containsEntry("secretName", "cm-ca")
                .containsEntry(
                        "issuerRef",
                        Map.of(
                                "name",
                                "cm-selfsigned",
                                "kind",
                                "Issuer",
                                "group",
                                "cert-manager.io"));
        Map<String, Object> controllerSpec = certificate("cm-controller-tls");
        assertThat(controllerSpec)
                .containsEntry("secretName", "cm-controller-tls")
                .containsEntry("duration", "2160h0m0s")
                .containsEntry("renewBefore", "720h0m0s")
                .containsEntry("ipAddresses", List.of("127.0.0.1"))
                .containsEntry(
                        "issuerRef",
                        Map.of("name", "cm-ca", "kind", "Issuer", "group", "cert-manager.io"));
        assertThat(strings(controllerSpec.get("dnsNames")))
                .containsExactlyInAnyOrder(
                        "*.cm-controller." + NS + ".svc",
                        "*.cm-controller." + NS + ".svc.cluster.local",
                        "cm-controller",
                        "cm-controller." + NS,
                        "cm-controller." + NS + ".svc",
                        "cm-controller." + NS + ".svc.cluster.local",
                        "localhost");
        assertThat(strings(controllerSpec.get("usages"))).contains("server auth", "client auth");
        assertThat(strings(certificate("cm-datanode-tls").get("dnsNames")))
                .contains("*.cm-datanode." + NS + ".svc", "cm-client." + NS + ".svc");

        // Waiting: the operator made no CA and no certificate of its own, and the pods mount the
        // Secrets cert-manager will write.
        assertThat(secret("cm-ca")).isNull();
        assertThat(secret("cm-controller-tls")).isNull();
        assertThat(secret("cm-datanode-tls")).isNull();
        await("a CertificatesPending Event")
                .atMost(DEADLINE)
                .until(() -> eventReasons("cm").contains("CertificatesPending"));
        await("both StatefulSets")
                .atMost(DEADLINE)
                .ignoreExceptions()
                .untilAsserted(
                        () -> {
                            assertThat(tlsSecretMounted("cm-controller"))
                                    .isEqualTo("cm-controller-tls");
                            assertThat(tlsSecretMounted("cm-datanode"))
                                    .isEqualTo("cm-datanode-tls");
                        });
        assertThat(
                        client.configMaps()
                                .inNamespace(NS)
                                .withName("cm-config")
                                .get()
                                .getData()
                                .get("controller.cfg"))
                .contains(
                        "enableHTTPS=true",
                        "tlsCertFile=/etc/dolphin-tls/tls.crt",
                        "tlsCaFile=/etc/dolphin-tls/ca.crt");

        CertificateAuthority ca =
                CertificateAuthority.create("test cert-manager CA", Instant.now());
        Map<String, String> written = playCertManager("cm", ca);
        // No informer watches Secrets: an annotation change makes the next reconcile come now.
        client.resources(DolphinCluster.class)
                .inNamespace(NS)
                .withName("cm")
                .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"annotations\":{\"test/secrets-written\":\"yes\"}}}");

        await("CertificatesReady once cert-manager's Secrets are there")
                .atMost(DEADLINE)
                .until(() -> eventReasons("cm").contains("CertificatesReady"));
        Secret controllerTls = secret("cm-controller-tls");
        assertThat(Pem.certificates(decoded(controllerTls, "ca.crt")).get(0))
                .isEqualTo(ca.certificate());
        // The operator never writes the Secrets cert-manager owns, nor issues with a CA of its own.
        assertThat(controllerTls.getMetadata().getResourceVersion())
                .isEqualTo(written.get("cm-controller-tls"));
        assertThat(secret("cm-datanode-tls").getMetadata().getResourceVersion())
                .isEqualTo(written.get("cm-datanode-tls"));
        assertThat(secret("cm-ca").getData()).doesNotContainKey("ca.key");
        assertThat(eventReasons("cm"))
                .doesNotContain("CertificatesUnavailable", "CertificateIssued");
    }

    @Test
    @Order(2)
    void issuerOperatorKeepsTheOperatorsOwnCaWithCertManagerInstalled() {
        apply(cluster("own", "operator"));

        await("the operator's own CA and certificates")
                .atMost(DEADLINE)
                .ignoreExceptions()
                .untilAsserted(
                        () -> {
                            assertThat(secret("own-ca").getData()).containsKey("ca.key");
                            assertThat(secret("own-controller-tls")).isNotNull();
                            assertThat(secret("own-datanode-tls")).isNotNull();
                        });
        assertThat(certificate("own-controller-tls")).isNull();
        assertThat(issuer("own-ca")).isNull();
    }

    /** Last: it deletes cert-manager's CRDs. */
    @Test
    @Order(3)
    void whenCertManagersCrdsGoTheClusterKeepsTheSecretsCertManagerWrote() throws Exception {
        apply(cluster("gone", null));
        await("the operator's Certificates")
                .atMost(DEADLINE)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(certificate("gone-datanode-tls")).isNotNull());
        playCertManager("gone", CertificateAuthority.create("test CA of gone", Instant.now()));
        await("CertificatesReady")
                .atMost(DEADLINE)
                .until(() -> eventReasons("gone").contains("CertificatesReady"));

        try (InputStream standIn =
                CertManagerIT.class.getResourceAsStream("/cert-manager-stand-in.yaml")) {
            client.load(standIn).delete();
        }
        await("cert-manager's CRDs gone")
                .atMost(CRD_DELETION_DEADLINE)
                .until(
                        () ->
                                !client.supports("cert-manager.io/v1", "Certificate")
                                        && !client.supports("cert-manager.io/v1", "Issuer"));
        // No informer watches what changed: each annotation change makes a reconcile come now.
        int[] nudges = {0};
        await("a CertManagerMissing Event")
                .atMost(DEADLINE)
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            annotate("gone", "test/nudge", String.valueOf(++nudges[0]));
                            return eventReasons("gone").contains("CertManagerMissing");
                        });

        // auto keeps cert-manager's CA: the operator made no CA or certificate of its own.
        assertThat(secret("gone-ca").getData()).doesNotContainKey("ca.key");
        assertThat(eventReasons("gone")).doesNotContain("CertificateIssued");
        assertThat(tlsSecretMounted("gone-controller")).isEqualTo("gone-controller-tls");
    }

    private static void annotate(String cluster, String key, String value) {
        client.resources(DolphinCluster.class)
                .inNamespace(NS)
                .withName(cluster)
                .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"annotations\":{\"" + key + "\":\"" + value + "\"}}}");
    }

    /**
     * cert-manager's part: a self-signed CA into the CA Certificate's Secret, then each role's
     * Certificate signed by it, with the names and duration its spec asks.
     */
    private static Map<String, String> playCertManager(String cluster, CertificateAuthority ca) {
        Map<String, String> versions = new java.util.HashMap<>();
        writeTlsSecret(cluster + "-ca", ca.certificate(), ca.certificate(), Pem.encode(ca.key()));
        for (String name : List.of(cluster + "-controller-tls", cluster + "-datanode-tls")) {
            Map<String, Object> spec = certificate(name);
            CertificateAuthority.Issued issued =
                    ca.issue(
                            new SubjectNames(
                                    strings(spec.get("dnsNames")),
                                    strings(spec.get("ipAddresses"))),
                            Instant.now(),
                            goDuration((String) spec.get("duration")));
            versions.put(
                    name,
                    writeTlsSecret(
                            (String) spec.get("secretName"),
                            issued.certificate(),
                            ca.certificate(),
                            Pem.encode(issued.key())));
        }
        return versions;
    }

    /** Creates the Secret; its resourceVersion. */
    private static String writeTlsSecret(
            String name,
            java.security.cert.X509Certificate cert,
            java.security.cert.X509Certificate ca,
            String key) {
        return client.secrets()
                .inNamespace(NS)
                .resource(
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName(name)
                                .withNamespace(NS)
                                .endMetadata()
                                .withType("kubernetes.io/tls")
                                .withData(
                                        Map.of(
                                                "tls.crt", base64(Pem.encode(cert)),
                                                "tls.key", base64(key),
                                                "ca.crt", base64(Pem.encode(ca))))
                                .build())
                .create()
                .getMetadata()
                .getResourceVersion();
    }

    private static Duration goDuration(String text) {
        Matcher m = Pattern.compile("(\\d+)h(\\d+)m(\\d+)s").matcher(text);
        assertThat(m.matches()).as("a Go duration: " + text).isTrue();
        return Duration.ofHours(Long.parseLong(m.group(1)))
                .plusMinutes(Long.parseLong(m.group(2)))
                .plusSeconds(Long.parseLong(m.group(3)));
    }

    private static DolphinCluster cluster(String name, String issuer) {
        DolphinCluster cluster = new DolphinCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        cluster.setSpec(new DolphinClusterSpec());
        cluster.getSpec().getControllers().setReplicas(3);
        cluster.getSpec().getReplication().setFactor(2);
        cluster.getSpec().getReplication().setReliabilityLevel(1);
        if (issuer != null) cluster.getSpec().getTls().setIssuer(issuer);
        return cluster;
    }

    private static void apply(DolphinCluster cluster) {
        client.resource(cluster).inNamespace(NS).serverSideApply();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(String kind, String name) {
        GenericKubernetesResource resource =
                client.genericKubernetesResources("cert-manager.io/v1", kind)
                        .inNamespace(NS)
                        .withName(name)
                        .get();
        return resource == null
                ? null
                : (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }

    private static Map<String, Object> issuer(String name) {
        return spec("Issuer", name);
    }

    private static Map<String, Object> certificate(String name) {
        return spec("Certificate", name);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        return (List<String>) list;
    }

    private static Secret secret(String name) {
        return client.secrets().inNamespace(NS).withName(name).get();
    }

    private static String tlsSecretMounted(String statefulSet) {
        StatefulSet set = client.apps().statefulSets().inNamespace(NS).withName(statefulSet).get();
        return set.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> "tls".equals(v.getName()))
                .findFirst()
                .orElseThrow()
                .getSecret()
                .getSecretName();
    }

    private static List<String> eventReasons(String cluster) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> cluster.equals(e.getInvolvedObject().getName()))
                .map(e -> e.getReason())
                .toList();
    }

    private static byte[] decoded(Secret secret, String key) {
        return Base64.getDecoder().decode(secret.getData().get(key));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
