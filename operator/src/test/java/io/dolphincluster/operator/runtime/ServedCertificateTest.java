package io.dolphincluster.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolphincluster.pki.CertificateAuthority;
import io.dolphincluster.pki.SubjectNames;
import java.io.IOException;
import java.net.ServerSocket;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a TLS port serves, read by a handshake: also from a port that wants a client certificate
 * (the Raft port), and an error, not a certificate, from a port that does not answer or does not
 * hold the key of the certificate it presents.
 */
class ServedCertificateTest {
    private final CertificateAuthority ca =
            CertificateAuthority.create("DolphinCluster CA demo", Instant.now());
    private final ServedCertificate served = new ServedCertificate(Duration.ofSeconds(2));
    private SSLServerSocket server;
    private Thread acceptor;

    private CertificateAuthority.Issued issue() {
        return ca.issue(
                new SubjectNames(List.of("localhost"), List.of("127.0.0.1")),
                Instant.now(),
                Duration.ofDays(1));
    }

    private X509Certificate serving(boolean wantsClientCertificate) throws Exception {
        CertificateAuthority.Issued issued = issue();
        return serving(issued.certificate(), issued.key(), wantsClientCertificate);
    }

    /** Serves {@code certificate} with {@code key}, which need not be the certificate's. */
    private X509Certificate serving(
            X509Certificate certificate, PrivateKey key, boolean wantsClientCertificate)
            throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry(
                "node", key, new char[0], new Certificate[] {certificate, ca.certificate()});
        KeyManagerFactory factory =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, new char[0]);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(factory.getKeyManagers(), null, null);
        server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0);
        server.setNeedClientAuth(wantsClientCertificate);
        acceptor =
                new Thread(
                        () -> {
                            while (!server.isClosed()) {
                                try (SSLSocket socket = (SSLSocket) server.accept()) {
                                    socket.startHandshake();
                                } catch (IOException refusedOrClosed) {
                                    // the next connection, or the end of the test
                                }
                            }
                        },
                        "tls-port");
        acceptor.start();
        return certificate;
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
        if (acceptor != null) acceptor.join(5_000);
    }

    @Test
    void thePortsCertificateIsRead() throws Exception {
        X509Certificate cert = serving(false);

        assertThat(served.at("127.0.0.1", server.getLocalPort())).isEqualTo(cert);
    }

    @Test
    void aPortThatWantsAClientCertificateStillShowsItsOwn() throws Exception {
        X509Certificate cert = serving(true);

        assertThat(served.at("127.0.0.1", server.getLocalPort())).isEqualTo(cert);
    }

    @Test
    void aPortThatPresentsACopyOfACertificateWithoutItsKeyIsAnError() throws Exception {
        X509Certificate copied = issue().certificate();
        serving(copied, issue().key(), false);

        assertThatThrownBy(() -> served.at("127.0.0.1", server.getLocalPort()))
                .as("a certificate is public: only its key proves the port serves it")
                .isInstanceOf(IOException.class);
    }

    @Test
    void aPortWithNobodyListeningIsAnError() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }

        assertThatThrownBy(() -> served.at("127.0.0.1", closed)).isInstanceOf(IOException.class);
    }
}
