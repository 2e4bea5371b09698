package io.dolphincluster.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {
    @TempDir Path dir;

    @Test
    void createsTheCaOnceAndReusesIt() throws Exception {
        CertificateAuthority first = CertificateAuthority.loadOrCreate(dir, "test CA");
        byte[] key = Files.readAllBytes(dir.resolve(CertificateAuthority.KEY_FILE));

        CertificateAuthority second = CertificateAuthority.loadOrCreate(dir, "test CA");

        assertThat(second.certificate()).isEqualTo(first.certificate());
        assertThat(Files.readAllBytes(dir.resolve(CertificateAuthority.KEY_FILE))).isEqualTo(key);
        assertThat(Files.getPosixFilePermissions(dir.resolve(CertificateAuthority.KEY_FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(first.certificate().getBasicConstraints()).isZero();
    }

    @Test
    void refusesAnIncompleteCa() throws Exception {
        CertificateAuthority.loadOrCreate(dir, "test CA");
        Files.delete(dir.resolve(CertificateAuthority.KEY_FILE));

        assertThatThrownBy(() -> CertificateAuthority.loadOrCreate(dir, "test CA"))
                .hasMessageContaining("incomplete")
                .hasMessageContaining(CertificateAuthority.KEY_FILE);
    }

    @Test
    void issuesNodeCertificatesForTheirNamesThatChainToTheCa() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir, "test CA");

        CertificateAuthority.Issued issued =
                ca.issue(
                        SubjectNames.parse(List.of("127.0.0.2,ctl2.example")), Duration.ofDays(30));

        X509Certificate cert = issued.certificate();
        assertThat(cert.getSubjectAlternativeNames())
                .extracting(n -> (Object) n.get(1))
                .containsExactlyInAnyOrder((Object) "ctl2.example", "127.0.0.2");
        assertThat(cert.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getNotAfter().getTime() - System.currentTimeMillis())
                .isBetween(Duration.ofDays(29).toMillis(), Duration.ofDays(30).toMillis());
        PKIXParameters pkix = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
        pkix.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX")
                .validate(
                        CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert)),
                        pkix);
    }

    @Test
    void aCertificateNeverOutlivesItsCa() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir, "test CA");

        X509Certificate cert =
                ca.issue(SubjectNames.parse(List.of("a.example")), Duration.ofDays(100_000))
                        .certificate();

        assertThat(cert.getNotAfter()).isEqualTo(ca.certificate().getNotAfter());
    }

    @Test
    void nodeFilesReadBackWithTheJdkAlone() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), "test CA");
        CertificateAuthority.Issued issued =
                ca.issue(SubjectNames.parse(List.of("localhost")), Duration.ofDays(1));

        NodeCertificateFiles.write(dir.resolve("tls"), ca, issued);

        assertThat(Pem.certificates(Files.readAllBytes(dir.resolve("tls/tls.crt"))))
                .containsExactly(issued.certificate());
        assertThat(Pem.privateKey(Files.readAllBytes(dir.resolve("tls/tls.key"))))
                .isEqualTo(issued.key());
        assertThat(Pem.certificates(Files.readAllBytes(dir.resolve("tls/ca.crt"))))
                .containsExactly(ca.certificate());
        assertThat(Files.readString(dir.resolve("tls/tls.key")))
                .startsWith("-----BEGIN PRIVATE KEY-----");
    }
}
