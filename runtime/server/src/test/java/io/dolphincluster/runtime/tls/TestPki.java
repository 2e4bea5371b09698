package io.dolphincluster.runtime.tls;

import io.dolphincluster.pki.CertificateAuthority;
import io.dolphincluster.pki.SubjectNames;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A cluster CA in a test directory, issuing node directories ({@code tls.crt}, {@code tls.key},
 * {@code ca.crt}).
 */
public final class TestPki {
    private final CertificateAuthority ca;

    public TestPki(Path caDir) throws IOException {
        this.ca = CaDirectory.loadOrCreate(caDir, "test CA");
    }

    /** Writes a node certificate for {@code names} into {@code dir} and returns the files. */
    public TlsFiles issue(Path dir, String... names) throws IOException {
        NodeCertificateFiles.write(
                dir,
                ca,
                ca.issue(SubjectNames.parse(List.of(names)), Instant.now(), Duration.ofDays(1)));
        return new TlsFiles(
                dir.resolve(NodeCertificateFiles.CERT),
                dir.resolve(NodeCertificateFiles.KEY),
                dir.resolve(NodeCertificateFiles.CA));
    }

    public CertificateAuthority ca() {
        return ca;
    }
}
