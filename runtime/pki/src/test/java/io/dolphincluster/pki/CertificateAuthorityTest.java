package io.dolphincluster.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void issuedCertificatesAreSignedByTheCaForServerAndClientWithTheirNames() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("DolphinCluster CA demo", NOW);
        SubjectNames names =
                new SubjectNames(
                        List.of("*.demo-datanode.db.svc", "demo-client", "localhost"),
                        List.of("127.0.0.1"));

        X509Certificate cert = ca.issue(names, NOW, Duration.ofDays(90)).certificate();

        assertThat(ca.certificate().getBasicConstraints()).isEqualTo(0);
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getExtendedKeyUsage())
                .containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(cert.getSubjectAlternativeNames().stream().map(name -> (Object) name.get(1)))
                .containsExactly("*.demo-datanode.db.svc", "demo-client", "localhost", "127.0.0.1");
        assertThat(cert.getNotBefore().toInstant())
                .isEqualTo(NOW.minus(CertificateAuthority.BACKDATE));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(90)));
        PKIXParameters pkix = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
        pkix.setRevocationEnabled(false);
        pkix.setDate(java.util.Date.from(NOW));
        CertPathValidator.getInstance("PKIX")
                .validate(
                        CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert)),
                        pkix);
    }

    @Test
    void anAddressAloneIsTheCommonName() {
        CertificateAuthority ca = CertificateAuthority.create("test CA", NOW);

        X509Certificate cert =
                ca.issue(SubjectNames.parse(List.of("127.0.0.2")), NOW, Duration.ofDays(1))
                        .certificate();

        assertThat(cert.getSubjectX500Principal().getName()).contains("CN=127.0.0.2");
    }

    @Test
    void aCertificateNeverOutlivesItsCa() {
        CertificateAuthority ca = CertificateAuthority.create("test CA", NOW);

        X509Certificate cert =
                ca.issue(
                                SubjectNames.parse(List.of("localhost")),
                                NOW,
                                CertificateAuthority.VALIDITY.plusDays(30))
                        .certificate();

        assertThat(cert.getNotAfter()).isEqualTo(ca.certificate().getNotAfter());
    }

    @Test
    void pemTextReadsBackAsTheSameCertificateAndKeyAndNoStringShowsTheKey() {
        CertificateAuthority ca = CertificateAuthority.create("test CA", NOW);
        CertificateAuthority.Issued issued =
                ca.issue(SubjectNames.parse(List.of("localhost")), NOW, Duration.ofDays(1));

        String certPem = Pem.encode(ca.certificate());
        String keyPem = Pem.encode(ca.key());

        assertThat(certPem).startsWith("-----BEGIN CERTIFICATE-----\n");
        assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Pem.certificates(certPem.getBytes(StandardCharsets.US_ASCII)))
                .containsExactly(ca.certificate());
        assertThat(Pem.privateKey(keyPem.getBytes(StandardCharsets.US_ASCII)).getEncoded())
                .isEqualTo(ca.key().getEncoded());
        String keyLine = keyPem.lines().skip(1).findFirst().orElseThrow();
        assertThat(ca.toString()).doesNotContain(keyLine);
        assertThat(issued.toString())
                .doesNotContain(Pem.encode(issued.key()).lines().skip(1).findFirst().orElseThrow());
    }
}
