package io.dolphincluster.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.operator.model.TlsSpec;
import io.dolphincluster.operator.tls.CertificateRenewal;
import io.dolphincluster.pki.CertificateAuthority;
import io.dolphincluster.pki.Pem;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** TLS on by default: the Secrets, what every pod mounts, its probes and its config keys. */
class TlsDesiredTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static DolphinCluster plain() {
        DolphinCluster cluster = TestClusters.demo();
        TlsSpec off = new TlsSpec();
        off.setEnabled(false);
        cluster.getSpec().setTls(off);
        return cluster;
    }

    private static PodSpec pod(DolphinCluster cluster, Role role) {
        return StatefulSetDesired.of(cluster, role).getSpec().getTemplate().getSpec();
    }

    private static Stream<Probe> probes(Container container) {
        return Stream.of(
                container.getStartupProbe(),
                container.getReadinessProbe(),
                container.getLivenessProbe());
    }

    private static CertificateAuthority.Issued issued(
            DolphinCluster cluster, CertificateAuthority ca, Role role) {
        return ca.issue(
                TlsSecretsDesired.certificateNames(new Names(cluster), role),
                NOW,
                CertificateRenewal.VALIDITY);
    }

    private static String decoded(Secret secret, String key) {
        return new String(
                Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    @Test
    void tlsIsOnByDefaultInEveryConfigFileWithTheMountedFiles() {
        SeedFiles files =
                new SeedFiles(new Names(TestClusters.demo()), TestClusters.demo().getSpec());

        for (String cfg : new String[] {files.controllerCfg(), files.datanodeCfg()}) {
            assertThat(cfg.lines())
                    .contains(
                            "enableHTTPS=true",
                            "tlsCertFile=/etc/dolphin-tls/tls.crt",
                            "tlsKeyFile=/etc/dolphin-tls/tls.key",
                            "tlsCaFile=/etc/dolphin-tls/ca.crt");
        }
        SeedFiles off = new SeedFiles(new Names(plain()), plain().getSpec());
        assertThat(off.controllerCfg() + off.datanodeCfg()).doesNotContain("enableHTTPS", "tls");
    }

    @Test
    void everyPodMountsItsRolesTlsSecretReadOnlyAndIsProbedOverHttps() {
        for (Role role : Role.values()) {
            PodSpec pod = pod(TestClusters.demo(), role);
            Container container = pod.getContainers().get(0);

            assertThat(pod.getVolumes())
                    .filteredOn(v -> v.getName().equals("tls"))
                    .singleElement()
                    .satisfies(
                            v -> {
                                assertThat(v.getSecret().getSecretName())
                                        .isEqualTo("demo-" + role.label() + "-tls");
                                assertThat(v.getSecret().getDefaultMode()).isEqualTo(0440);
                            });
            assertThat(container.getVolumeMounts())
                    .filteredOn(m -> m.getName().equals("tls"))
                    .singleElement()
                    .satisfies(
                            m -> {
                                assertThat(m.getMountPath()).isEqualTo("/etc/dolphin-tls");
                                assertThat(m.getReadOnly()).isTrue();
                            });
            assertThat(probes(container))
                    .allSatisfy(p -> assertThat(p.getHttpGet().getScheme()).isEqualTo("HTTPS"));
        }
    }

    @Test
    void withTlsOffPodsMountNoCertificateAndAreProbedOverHttp() {
        for (Role role : Role.values()) {
            PodSpec pod = pod(plain(), role);

            assertThat(pod.getVolumes()).noneMatch(v -> v.getName().equals("tls"));
            assertThat(probes(pod.getContainers().get(0)))
                    .allSatisfy(p -> assertThat(p.getHttpGet().getScheme()).isEqualTo("HTTP"));
        }
    }

    @Test
    void turningTlsOffOrOnIsANewRevisionOfEveryRole() {
        for (Role role : Role.values()) {
            assertThat(
                            StatefulSetDesired.of(plain(), role)
                                    .getSpec()
                                    .getTemplate()
                                    .getMetadata()
                                    .getAnnotations()
                                    .get(StatefulSetDesired.CONFIG_HASH_ANNOTATION))
                    .isNotEqualTo(
                            StatefulSetDesired.of(TestClusters.demo(), role)
                                    .getSpec()
                                    .getTemplate()
                                    .getMetadata()
                                    .getAnnotations()
                                    .get(StatefulSetDesired.CONFIG_HASH_ANNOTATION));
        }
    }

    @Test
    void aRolesCertificateNamesEveryPodItsServicesAndLocalhost() {
        Names names = new Names(TestClusters.demo());

        assertThat(TlsSecretsDesired.certificateNames(names, Role.CONTROLLER).all())
                .containsExactlyInAnyOrder(
                        "*.demo-controller.db.svc",
                        "*.demo-controller.db.svc.cluster.local",
                        "demo-controller",
                        "demo-controller.db",
                        "demo-controller.db.svc",
                        "demo-controller.db.svc.cluster.local",
                        "localhost",
                        "127.0.0.1");
        assertThat(TlsSecretsDesired.certificateNames(names, Role.DATANODE).all())
                .contains(
                        "*.demo-datanode.db.svc",
                        "demo-client",
                        "demo-client.db.svc",
                        "demo-client.db.svc.cluster.local",
                        "localhost",
                        "127.0.0.1")
                .noneMatch(name -> name.contains("controller"));
    }

    @Test
    void theCaSecretKeepsTheKeyAndARoleSecretIsAKubernetesTlsSecretWithTheCa() throws Exception {
        DolphinCluster cluster = TestClusters.demo();
        CertificateAuthority ca = CertificateAuthority.create("DolphinCluster CA demo", NOW);
        CertificateAuthority.Issued issued = issued(cluster, ca, Role.DATANODE);

        Secret caSecret = TlsSecretsDesired.ca(cluster, ca, Optional.empty());
        Secret role = TlsSecretsDesired.role(cluster, Role.DATANODE, ca, issued);

        assertThat(caSecret.getMetadata().getName()).isEqualTo("demo-ca");
        assertThat(caSecret.getData()).containsOnlyKeys("ca.crt", "ca.key");
        assertThat(caSecret.getImmutable()).isTrue();
        assertThat(caSecret.getMetadata().getAnnotations())
                .doesNotContainKey(TlsSecretsDesired.ROTATION_HONOURED);
        assertThat(
                        Pem.privateKey(
                                        decoded(caSecret, "ca.key")
                                                .getBytes(StandardCharsets.US_ASCII))
                                .getEncoded())
                .isEqualTo(ca.key().getEncoded());
        assertThat(role.getMetadata().getName()).isEqualTo("demo-datanode-tls");
        assertThat(role.getMetadata().getLabels()).containsEntry(Names.LABEL_COMPONENT, "datanode");
        assertThat(role.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(role.getData()).containsOnlyKeys("tls.crt", "tls.key", "ca.crt");
        assertThat(
                        Pem.certificates(
                                        decoded(role, "tls.crt")
                                                .getBytes(StandardCharsets.US_ASCII))
                                .get(0))
                .isEqualTo(issued.certificate());
        assertThat(decoded(role, "ca.crt")).isEqualTo(decoded(caSecret, "ca.crt"));
        assertThat(decoded(role, "ca.crt")).doesNotContain("PRIVATE KEY");
    }

    @Test
    void aCaSecretMadeForARotationRequestSaysWhichItHonours() {
        DolphinCluster cluster = TestClusters.demo();
        CertificateAuthority ca = CertificateAuthority.create("DolphinCluster CA demo", NOW);

        Secret next = TlsSecretsDesired.ca(cluster, "demo-ca-next", ca, Optional.of("1733500000"));

        assertThat(next.getMetadata().getName()).isEqualTo("demo-ca-next");
        assertThat(next.getImmutable()).isTrue();
        assertThat(next.getMetadata().getAnnotations())
                .containsEntry(TlsSecretsDesired.ROTATION_HONOURED, "1733500000");
    }

    @Test
    void aRoleSecretSaysWhichRenewalRequestItHonours() {
        DolphinCluster cluster = TestClusters.demo();
        CertificateAuthority ca = CertificateAuthority.create("DolphinCluster CA demo", NOW);
        CertificateAuthority.Issued issued = issued(cluster, ca, Role.CONTROLLER);

        assertThat(
                        TlsSecretsDesired.role(cluster, Role.CONTROLLER, ca, issued)
                                .getMetadata()
                                .getAnnotations())
                .doesNotContainKey(TlsSecretsDesired.RENEWAL_HONOURED);
        cluster.getMetadata()
                .setAnnotations(Map.of(DolphinCluster.RENEW_CERTIFICATES_ANNOTATION, "42"));
        assertThat(
                        TlsSecretsDesired.role(cluster, Role.CONTROLLER, ca, issued)
                                .getMetadata()
                                .getAnnotations())
                .containsEntry(TlsSecretsDesired.RENEWAL_HONOURED, "42");
    }
}
