package io.dolphincluster.e2e.suite;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The certificate a TLS port presents to a new connection, as seen in its handshake. Works on ports
 * that go on to refuse this client (the Raft port asks a client certificate it does not get): the
 * server's certificate arrives before that. Callers judge it (serial number, issuer); nothing is
 * trusted here.
 */
final class ServedCertificate {
    private static final int TIMEOUT_MILLIS = 5_000;

    private ServedCertificate() {}

    static X509Certificate at(String host, int port) throws IOException {
        AtomicReference<X509Certificate> seen = new AtomicReference<>();
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new Recording(seen)}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS", e);
        }
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            plain.setSoTimeout(TIMEOUT_MILLIS);
            try (SSLSocket tls =
                    (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, false)) {
                tls.startHandshake();
            } catch (IOException refusedAfterTheServerCertificate) {
                if (seen.get() == null) throw refusedAfterTheServerCertificate;
            }
        }
        if (seen.get() == null) {
            throw new IOException("no certificate from " + host + ":" + port);
        }
        return seen.get();
    }

    /** Records the server's certificate; an extended manager, so the JDK checks no host name. */
    private static final class Recording extends X509ExtendedTrustManager {
        private final AtomicReference<X509Certificate> seen;

        Recording(AtomicReference<X509Certificate> seen) {
            this.seen = seen;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            seen.set(chain[0]);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            seen.set(chain[0]);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            seen.set(chain[0]);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("a client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("a client only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
