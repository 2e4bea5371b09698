package io.dolphincluster.e2e.suite;

import io.dolphincluster.client.ClientOptions;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The CA of a DolphinCluster with TLS on, read from the operator's {@code <name>-ca} Secret (its
 * {@code ca.crt} only): what the suite's clients trust. The Java client reaches datanodes by their
 * stable DNS names and checks them ({@link #clientOptions}); the admin API is reached at an address
 * no certificate can name (a pod's loopback IP, a port-forward's address), so {@link #adminApi}
 * checks the chain against the CA and not the host name.
 */
record ClusterCaTrust(X509Certificate ca) {

    static ClusterCaTrust of(KubernetesClient client, String namespace, String cluster) {
        Secret secret = client.secrets().inNamespace(namespace).withName(cluster + "-ca").get();
        if (secret == null || secret.getData() == null || secret.getData().get("ca.crt") == null) {
            throw new IllegalStateException("no ca.crt in Secret " + cluster + "-ca yet");
        }
        return new ClusterCaTrust(certificate(secret, "ca.crt"));
    }

    /** The PEM certificate under {@code key} of a Secret's data. */
    static X509Certificate certificate(Secret secret, String key) {
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509")
                            .generateCertificate(
                                    new ByteArrayInputStream(
                                            Base64.getDecoder().decode(secret.getData().get(key))));
        } catch (CertificateException e) {
            throw new IllegalStateException(
                    key + " of Secret " + secret.getMetadata().getName(), e);
        }
    }

    /** The Java client's options: TLS to the datanodes, the CA trusted, host names checked. */
    ClientOptions clientOptions() {
        try {
            return ClientOptions.defaults()
                    .withTls(
                            SslContextBuilder.forClient()
                                    .sslProvider(SslProvider.JDK)
                                    .trustManager(ca)
                                    .endpointIdentificationAlgorithm("HTTPS")
                                    .build());
        } catch (IOException e) {
            throw new IllegalStateException("TLS for the Java client", e);
        }
    }

    /**
     * TLS for the admin API: the server's chain must lead to the CA; the host name is not checked.
     */
    SSLContext adminApi() {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("cluster-ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    null,
                    new TrustManager[] {
                        new ChainOnly((X509TrustManager) factory.getTrustManagers()[0])
                    },
                    null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("TLS for the admin API", e);
        }
    }

    /**
     * The CA's chain check without the host-name check (an extended manager: the JDK adds none).
     */
    private static final class ChainOnly extends X509ExtendedTrustManager {
        private final X509TrustManager pkix;

        ChainOnly(X509TrustManager pkix) {
            this.pkix = pkix;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws CertificateException {
            pkix.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            pkix.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            pkix.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws CertificateException {
            throw new CertificateException("a client, not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("a client, not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("a client, not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return pkix.getAcceptedIssuers();
        }
    }
}
