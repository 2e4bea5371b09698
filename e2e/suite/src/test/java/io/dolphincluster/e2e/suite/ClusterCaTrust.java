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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The CA of a DolphinCluster with TLS on, read from the operator's {@code <name>-ca} Secret (its
 * {@code ca.crt} only): what the suite's clients trust. The Java client reaches datanodes by their
 * stable DNS names and checks them ({@link #clientOptions}); the admin API is reached at an address
 * no certificate can name (a pod's loopback IP, a port-forward's address), so {@link #adminApi}
 * checks the chain against the CA and not the host name. Both follow a CA rotation as the pods do:
 * each handshake trusts the CAs the Secrets hold then ({@code <name>-ca} and, while a rotation
 * runs, {@code <name>-ca-next}), so a client made before a rotation keeps connecting through it.
 */
record ClusterCaTrust(
        X509Certificate ca, KubernetesClient client, String namespace, String cluster) {

    static ClusterCaTrust of(KubernetesClient client, String namespace, String cluster) {
        List<X509Certificate> cas = cas(client, namespace, cluster);
        if (cas.isEmpty()) {
            throw new IllegalStateException("no ca.crt in Secret " + cluster + "-ca yet");
        }
        return new ClusterCaTrust(cas.get(0), client, namespace, cluster);
    }

    /**
     * The CAs the cluster's Secrets hold now: {@code <name>-ca}'s, then a rotation's {@code
     * <name>-ca-next}'s.
     */
    static List<X509Certificate> cas(KubernetesClient client, String namespace, String cluster) {
        List<X509Certificate> cas = new ArrayList<>();
        for (String name : List.of(cluster + "-ca", cluster + "-ca-next")) {
            Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
            if (secret != null
                    && secret.getData() != null
                    && secret.getData().get("ca.crt") != null) {
                cas.add(certificate(secret, "ca.crt"));
            }
        }
        return cas;
    }

    /** PKIX over the CAs of the Secrets now ({@link #ca} when a read finds none). */
    private X509ExtendedTrustManager pkix() {
        List<X509Certificate> cas = cas(client, namespace, cluster);
        if (cas.isEmpty()) cas = List.of(ca);
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++)
                store.setCertificateEntry("cluster-ca-" + i, cas.get(i));
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            return (X509ExtendedTrustManager) factory.getTrustManagers()[0];
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("trusting the cluster's CAs", e);
        }
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
                                    .trustManager(new Following(this))
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
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new ChainOnly(this)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS for the admin API", e);
        }
    }

    /**
     * The CA's chain check without the host-name check (an extended manager: the JDK adds none).
     */
    private static final class ChainOnly extends X509ExtendedTrustManager {
        private final ClusterCaTrust trust;

        ChainOnly(ClusterCaTrust trust) {
            this.trust = trust;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws CertificateException {
            trust.pkix().checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            trust.pkix().checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            trust.pkix().checkServerTrusted(chain, authType);
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
            return trust.pkix().getAcceptedIssuers();
        }
    }

    /**
     * The CAs' chain check with the host-name check the engine asks for (the JDK's PKIX manager
     * does both), over the CAs of the Secrets at each handshake.
     */
    private static final class Following extends X509ExtendedTrustManager {
        private final ClusterCaTrust trust;

        Following(ClusterCaTrust trust) {
            this.trust = trust;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws CertificateException {
            trust.pkix().checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            trust.pkix().checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            trust.pkix().checkServerTrusted(chain, authType, engine);
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
            return trust.pkix().getAcceptedIssuers();
        }
    }
}
