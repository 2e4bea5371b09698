package io.dolphincluster.runtime.tls;

import io.dolphincluster.pki.CertificateAuthority;
import io.dolphincluster.pki.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Where {@code bin/dolphin certs} keeps a cluster's certificate authority: {@value #CERT_FILE} and
 * {@value #KEY_FILE} (PEM; the key readable by its owner only) in one directory, created the first
 * time and reused afterwards.
 */
public final class CaDirectory {
    public static final String CERT_FILE = "ca.crt";
    public static final String KEY_FILE = "ca.key";

    private CaDirectory() {}

    /** The CA in {@code dir}, created there when neither file exists yet. */
    public static CertificateAuthority loadOrCreate(Path dir, String name) throws IOException {
        Path cert = dir.resolve(CERT_FILE);
        Path key = dir.resolve(KEY_FILE);
        if (Files.exists(cert) != Files.exists(key)) {
            throw new IOException(
                    "the CA in "
                            + dir
                            + " is incomplete: "
                            + (Files.exists(cert) ? key : cert)
                            + " is missing (remove the other file to create a new CA, and new certificates for every node)");
        }
        if (Files.exists(cert)) {
            return new CertificateAuthority(
                    Pem.certificates(Files.readAllBytes(cert)).get(0),
                    Pem.privateKey(Files.readAllBytes(key)));
        }
        CertificateAuthority created = CertificateAuthority.create(name, Instant.now());
        PemFiles.writePrivate(key, Pem.encode(created.key()));
        PemFiles.writePublic(cert, Pem.encode(created.certificate()));
        return created;
    }
}
