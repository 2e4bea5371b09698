package io.dolphincluster.operator.runtime;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS that trusts one cluster's CAs and nothing else (not the JDK's default CAs): its CA, or during
 * a CA rotation the new and the old. The operator's HTTPS client checks the controller's
 * certificate chain against them, and the JDK's HTTP client checks the host name.
 */
final class ClusterTrust {
    private ClusterTrust() {}

    static SSLContext sslContext(List<X509Certificate> cas) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("cluster-ca-" + i, cas.get(i));
            }
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
