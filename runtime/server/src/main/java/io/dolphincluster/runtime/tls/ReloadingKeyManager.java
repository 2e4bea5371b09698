package io.dolphincluster.runtime.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents this process's certificate, as a server and as a client (mutual TLS), from {@link
 * ReloadingMaterial}: each handshake chooses the current version, so new connections get a rotated
 * certificate while open ones keep theirs.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {
    private final ReloadingMaterial material;

    ReloadingKeyManager(ReloadingMaterial material) {
        this.material = material;
    }

    private String alias() {
        return material.current().alias();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return new String[] {alias()};
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return alias();
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return alias();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return new String[] {alias()};
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return matchingAlias(keyType);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return matchingAlias(keyType);
    }

    /**
     * The engine asks once per key type it could use: the JDK's ({@code EC}, {@code RSA}) or
     * OpenSSL's through Netty (as Ratis's gRPC does: {@code EC_EC}, {@code EC_RSA}); only the key's
     * own type gets the alias.
     */
    private String matchingAlias(String keyType) {
        ReloadingMaterial.Version version = material.current();
        String algorithm = version.material().key().getAlgorithm();
        return keyType == null || keyType.equals(algorithm) || keyType.startsWith(algorithm + "_")
                ? version.alias()
                : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        ReloadingMaterial.Version version = material.byAlias(alias);
        return version == null ? null : version.material().chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        ReloadingMaterial.Version version = material.byAlias(alias);
        return version == null ? null : version.material().key();
    }
}
