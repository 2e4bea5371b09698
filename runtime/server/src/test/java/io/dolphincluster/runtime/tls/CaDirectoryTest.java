package io.dolphincluster.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolphincluster.pki.CertificateAuthority;
import io.dolphincluster.pki.Pem;
import io.dolphincluster.pki.SubjectNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaDirectoryTest {
    @TempDir Path dir;

    @Test
    void createsTheCaOnceAndReusesIt() throws Exception {
        CertificateAuthority first = CaDirectory.loadOrCreate(dir, "test CA");
        byte[] key = Files.readAllBytes(dir.resolve(CaDirectory.KEY_FILE));

        CertificateAuthority second = CaDirectory.loadOrCreate(dir, "test CA");

        assertThat(second.certificate()).isEqualTo(first.certificate());
        assertThat(Files.readAllBytes(dir.resolve(CaDirectory.KEY_FILE))).isEqualTo(key);
        assertThat(Files.getPosixFilePermissions(dir.resolve(CaDirectory.KEY_FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(first.certificate().getBasicConstraints()).isZero();
    }

    @Test
    void refusesAnIncompleteCa() throws Exception {
        CaDirectory.loadOrCreate(dir, "test CA");
        Files.delete(dir.resolve(CaDirectory.KEY_FILE));

        assertThatThrownBy(() -> CaDirectory.loadOrCreate(dir, "test CA"))
                .hasMessageContaining("incomplete")
                .hasMessageContaining(CaDirectory.KEY_FILE);
    }

    @Test
    void nodeFilesReadBackWithTheJdkAlone() throws Exception {
        CertificateAuthority ca = CaDirectory.loadOrCreate(dir.resolve("ca"), "test CA");
        CertificateAuthority.Issued issued =
                ca.issue(
                        SubjectNames.parse(List.of("localhost")),
                        Instant.now(),
                        Duration.ofDays(1));

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
