package io.dolphincluster.runtime.tls;

import java.nio.file.Path;

/**
 * Where a process finds its TLS material: {@code tlsCertFile} (its certificate chain, PEM), {@code
 * tlsKeyFile} (its PKCS#8 private key, PEM) and {@code tlsCaFile} (the cluster CA's certificates,
 * PEM: whom it trusts). Absolute paths.
 */
public record TlsFiles(Path cert, Path key, Path ca) {
    public TlsFiles {
        cert = cert.toAbsolutePath().normalize();
        key = key.toAbsolutePath().normalize();
        ca = ca.toAbsolutePath().normalize();
    }
}
