package io.dolphincluster.operator.runtime;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS that trusts one cluster's CA and nothing else (not the JDK's default CAs): the operator's
 * HTTPS client checks the controller's certificate chain against it, and the JDK's HTTP client
 * checks the host name.
 */
final class ClusterTrust {
    private ClusterTrust() {}

    static SSLContext sslContext(X509Certificate ca) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("cluster-ca", ca);
            TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK cannot trust the cluster's CA", e);
        }
    }
}
