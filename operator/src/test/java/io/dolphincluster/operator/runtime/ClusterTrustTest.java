package io.dolphincluster.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.dolphincluster.pki.CertificateAuthority;
import io.dolphincluster.pki.SubjectNames;
import io.dolphincluster.protocol.auth.ClusterCredential;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's HTTPS client against a stand-in controller presenting a certificate of the
 * cluster's CA: it trusts that CA alone, and checks that the certificate names the host it called.
 */
class ClusterTrustTest {
    private static final ClusterCredential CREDENTIAL =
            ClusterCredential.of(ClusterCredential.generateSecret());
    private final CertificateAuthority ca =
            CertificateAuthority.create("DolphinCluster CA demo", Instant.now());
    private final ControllerAdminClient client = new ControllerAdminClient(Duration.ofSeconds(2));
    private HttpsServer server;

    private int controllerWith(SubjectNames names) throws Exception {
        CertificateAuthority.Issued issued = ca.issue(names, Instant.now(), Duration.ofDays(1));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry(
                "node",
                issued.key(),
                new char[0],
                new Certificate[] {issued.certificate(), ca.certificate()});
        KeyManagerFactory factory =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, new char[0]);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(factory.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext(
                "/api/leader", exchange -> reply(exchange, "{\"alias\":\"demo-controller-0\"}"));
        server.start();
        return server.getAddress().getPort();
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    @Test
    void aControllerWithACertificateOfTheClusterCaForTheHostCalledIsAnswered() throws Exception {
        int port = controllerWith(new SubjectNames(List.of("localhost"), List.of("127.0.0.1")));
        ClusterAccess access = new ClusterAccess(CREDENTIAL).trusting(List.of(ca.certificate()));

        assertThat(access.scheme()).isEqualTo("https");
        assertThat(client.leader(URI.create("https://127.0.0.1:" + port), access))
                .contains("demo-controller-0");
        assertThat(client.leader(URI.create("https://localhost:" + port), access))
                .contains("demo-controller-0");
    }

    @Test
    void aCertificateThatDoesNotNameTheHostCalledIsRefused() throws Exception {
        int port = controllerWith(new SubjectNames(List.of("elsewhere.example"), List.of()));

        assertThat(
                        client.leader(
                                URI.create("https://127.0.0.1:" + port),
                                new ClusterAccess(CREDENTIAL).trusting(List.of(ca.certificate()))))
                .isEmpty();
    }

    @Test
    void aCertificateOfAnotherCaIsRefused() throws Exception {
        int port = controllerWith(new SubjectNames(List.of("localhost"), List.of("127.0.0.1")));
        CertificateAuthority other =
                CertificateAuthority.create("DolphinCluster CA other", Instant.now());

        assertThat(
                        client.leader(
                                URI.create("https://127.0.0.1:" + port),
                                new ClusterAccess(CREDENTIAL)
                                        .trusting(List.of(other.certificate()))))
                .isEmpty();
    }

    @Test
    void duringACaRotationACertificateOfEitherCaIsAnsweredAndServedCertificateReadsIt()
            throws Exception {
        int port = controllerWith(new SubjectNames(List.of("localhost"), List.of("127.0.0.1")));
        CertificateAuthority next =
                CertificateAuthority.create("DolphinCluster CA next", Instant.now());
        ClusterAccess both =
                new ClusterAccess(CREDENTIAL)
                        .trusting(List.of(next.certificate(), ca.certificate()));

        assertThat(client.leader(URI.create("https://127.0.0.1:" + port), both))
                .contains("demo-controller-0");
        assertThat(
                        new ServedCertificate(Duration.ofSeconds(2))
                                .at("127.0.0.1", port)
                                .getIssuerX500Principal())
                .isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(
                        client.leader(
                                URI.create("https://127.0.0.1:" + port),
                                new ClusterAccess(CREDENTIAL)
                                        .trusting(List.of(next.certificate()))))
                .as("the new CA alone")
                .isEmpty();
    }
}
