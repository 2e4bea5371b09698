package io.dolphincluster.runtime.tls;

import io.dolphincluster.pki.CertificateAuthority;
import io.dolphincluster.pki.Pem;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A node's TLS directory, laid out as a Kubernetes {@code kubernetes.io/tls} Secret with {@code
 * ca.crt} is mounted: {@value #CERT} (the node's certificate), {@value #KEY} (its PKCS#8 key,
 * owner-only) and {@value #CA} (the cluster CA's certificate, the trust anchor). The key is written
 * before the certificate, and each file atomically, so a running node that re-reads them sees
 * either the old pair or the new one.
 */
public final class NodeCertificateFiles {
    public static final String CERT = "tls.crt";
    public static final String KEY = "tls.key";
    public static final String CA = "ca.crt";

    private NodeCertificateFiles() {}

    public static void write(Path dir, CertificateAuthority ca, CertificateAuthority.Issued issued)
            throws IOException {
        PemFiles.writePublic(dir.resolve(CA), Pem.encode(ca.certificate()));
        PemFiles.writePrivate(dir.resolve(KEY), Pem.encode(issued.key()));
        PemFiles.writePublic(dir.resolve(CERT), Pem.encode(issued.certificate()));
    }
}
