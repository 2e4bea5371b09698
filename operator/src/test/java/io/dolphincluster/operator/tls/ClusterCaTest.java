package io.dolphincluster.operator.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterCaTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void issuedCertificatesAreSignedByTheCaForServerAndClientWithTheirNames() throws Exception {
        ClusterCa ca = ClusterCa.create("demo", NOW);
        CertificateNames names =
                new CertificateNames(
                        List.of("*.demo-datanode.db.svc", "demo-client", "localhost"),
                        List.of("127.0.0.1"));

        X509Certificate cert = ca.issue(names, NOW, Duration.ofDays(90)).certificate();

        cert.verify(ca.certificate().getPublicKey());
        assertThat(ca.certificate().getBasicConstraints()).isEqualTo(0);
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getExtendedKeyUsage())
                .containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        List<Object> alternatives =
                cert.getSubjectAlternativeNames().stream()
                        .map(name -> (Object) name.get(1))
                        .toList();
        assertThat(alternatives)
                .containsExactly("*.demo-datanode.db.svc", "demo-client", "localhost", "127.0.0.1");
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(90)));
    }

    @Test
    void aCertificateNeverOutlivesItsCa() {
        ClusterCa ca = ClusterCa.create("demo", NOW);
        X509Certificate cert =
                ca.issue(
                                new CertificateNames(List.of("localhost"), List.of()),
                                NOW,
                                ClusterCa.VALIDITY.plusDays(30))
                        .certificate();

        assertThat(cert.getNotAfter()).isEqualTo(ca.certificate().getNotAfter());
    }

    @Test
    void pemTextReadsBackAsTheSameCertificateAndKey() throws Exception {
        ClusterCa ca = ClusterCa.create("demo", NOW);

        String certPem = PemCodec.certificate(ca.certificate());
        String keyPem = PemCodec.privateKey(ca.key());

        assertThat(certPem).startsWith("-----BEGIN CERTIFICATE-----\n");
        assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(PemCodec.parseCertificate(certPem)).isEqualTo(ca.certificate());
        assertThat(PemCodec.parseEcPrivateKey(keyPem).getEncoded())
                .isEqualTo(ca.key().getEncoded());
        assertThat(ca.toString()).doesNotContain(keyPem.lines().skip(1).findFirst().get());
    }
}
