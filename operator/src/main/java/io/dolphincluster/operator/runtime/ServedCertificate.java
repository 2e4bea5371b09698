package io.dolphincluster.operator.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The certificate a pod's TLS port presents to a new connection, read from the handshake and
 * nothing more: no request is sent and no client certificate offered. Nothing is trusted here: the
 * connection carries no data, and the caller compares what it gets with what it issued.
 *
 * <p>The certificate counts only once the handshake shows the port holds its key: a certificate is
 * public, and anyone on the network could present a copy to move a CA rotation on early. With TLS
 * 1.3 (what every port of the runtime speaks) the client's part of the handshake ends after the
 * server signed it with the certificate's key and sent its Finished; a port that wants a client
 * certificate (the Raft port) refuses this client only after that.
 */
public final class ServedCertificate {
    private final Duration timeout;

    public ServedCertificate(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * The certificate {@code host:port} serves now; throws when none arrives or the port does not
     * prove it holds its key.
     */
    public X509Certificate at(String host, int port) throws IOException {
        AtomicReference<X509Certificate> seen = new AtomicReference<>();
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new Recording(seen)}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS", e);
        }
        int millis = (int) timeout.toMillis();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), millis);
            plain.setSoTimeout(millis);
            SSLSocket tls =
                    (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, false);
            tls.setEnabledProtocols(new String[] {"TLSv1.3"});
            tls.startHandshake();
            closeQuietly(tls);
        }
        if (seen.get() == null) {
            throw new IOException("no certificate from " + host + ":" + port);
        }
        return seen.get();
    }

    /** A port that refused this client may have closed already; the certificate is what counts. */
    private static void closeQuietly(SSLSocket tls) {
        try {
            tls.close();
        } catch (IOException alreadyClosedByThePort) {
            // nothing to release
        }
    }

    /** Records the server's certificate; an extended manager, so the JDK checks no host name. */
    private static final class Recording extends X509ExtendedTrustManager {
        private final AtomicReference<X509Certificate> seen;

        Recording(AtomicReference<X509Certificate> seen) {
            this.seen = seen;
        }

        private void record(X509Certificate[] chain) {
            seen.set(chain[0]);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            record(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            record(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            record(chain);
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
