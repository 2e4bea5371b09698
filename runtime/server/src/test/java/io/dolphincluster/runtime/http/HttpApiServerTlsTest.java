package io.dolphincluster.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dolphincluster.runtime.config.HttpServerSettings;
import io.dolphincluster.runtime.tls.ClusterTls;
import io.dolphincluster.runtime.tls.TestPki;
import io.dolphincluster.runtime.tls.TlsFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@link HttpApiServer} with {@code enableHTTPS}: HTTPS only, host names checked by clients,
 * certificates rotated live.
 */
class HttpApiServerTlsTest {
    @TempDir Path dir;

    private HttpApiServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private ClusterTls serve(String... names) throws Exception {
        return serve(HttpServerSettings.defaults(), names);
    }

    private ClusterTls serve(HttpServerSettings settings, String... names) throws Exception {
        TestPki pki = new TestPki(dir.resolve("ca"));
        ClusterTls tls = ClusterTls.on(pki.issue(dir.resolve("server"), names));
        server =
                HttpApiServer.start(
                        "tls-test",
                        new InetSocketAddress("127.0.0.1", 0),
                        List.of(
                                new Route(
                                        "GET",
                                        "/api/hello",
                                        Access.PUBLIC,
                                        r ->
                                                CompletableFuture.completedFuture(
                                                        ApiResponse.ok(Map.of("hello", "tls"))))),
                        r -> null,
                        List.of(),
                        settings,
                        tls);
        return tls;
    }

    private ClusterTls client(String... names) throws Exception {
        return ClusterTls.on(new TestPki(dir.resolve("ca")).issue(dir.resolve("client"), names));
    }

    private HttpResponse<String> get(ClusterTls tls, String host) throws Exception {
        HttpClient http = tls.httpClient().connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create("https://" + host + ":" + server.address().getPort() + "/api/hello");
        return http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesHttpsToClientsThatTrustTheClusterCa() throws Exception {
        serve("127.0.0.1", "localhost");

        HttpResponse<String> response = get(client("127.0.0.9"), "127.0.0.1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("tls");
        assertThat(response.sslSession()).isPresent();
    }

    @Test
    void anIdleKeepAliveConnectionOutlivesTheHeaderDeadlineAfterATlsOnlyRecord() throws Exception {
        Duration deadline = Duration.ofSeconds(1);
        serve(new HttpServerSettings(16, 16, deadline, List.of()), "127.0.0.1");
        byte[] hello =
                "GET /api/hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII);
        try (SSLSocket socket =
                (SSLSocket)
                        client("127.0.0.9")
                                .socketFactory()
                                .createSocket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout((int) deadline.multipliedBy(3).toMillis());
            socket.getOutputStream().write(hello);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            assertThat(readAnswer(in)).startsWith("HTTP/1.1 200 ");

            // On an established TLS 1.3 connection this sends a KeyUpdate: a record, no data.
            socket.startHandshake();
            assertThatThrownBy(in::read)
                    .as("nothing arrives while the connection is idle for three deadlines")
                    .isInstanceOf(SocketTimeoutException.class);

            socket.getOutputStream().write(hello);
            socket.getOutputStream().flush();
            assertThat(readAnswer(in)).startsWith("HTTP/1.1 200 ");
        }
    }

    /** One answer: its head, then as many bytes as its content-length. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            if (b < 0) throw new IOException("closed after " + head);
            head.append((char) b);
        }
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head.toString());
        if (!length.find()) throw new IOException("no content-length in " + head);
        in.readNBytes(Integer.parseInt(length.group(1)));
        return head.toString();
    }

    @Test
    void clientsCheckTheHostName() throws Exception {
        serve("localhost");

        assertThatThrownBy(() -> get(client("127.0.0.9"), "127.0.0.1"))
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("127.0.0.1");
        assertThat(get(client("127.0.0.9"), "localhost").statusCode()).isEqualTo(200);
    }

    @Test
    void aClientOfAnotherCaIsRefused() throws Exception {
        serve("127.0.0.1");
        ClusterTls stranger =
                ClusterTls.on(
                        new TestPki(dir.resolve("other-ca"))
                                .issue(dir.resolve("stranger"), "127.0.0.9"));

        assertThatThrownBy(() -> get(stranger, "127.0.0.1"))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plainHttpIsClosedAtOnceAndLogged() throws Exception {
        serve("127.0.0.1");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        ((Logger) LoggerFactory.getLogger("io.dolphincluster.runtime.tls")).addAppender(logged);
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(
                            "GET /api/hello HTTP/1.1\r\nHost: x\r\n\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] answer = in.readAllBytes(); // up to the close; the timeout fails the test if it
            // never comes

            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("hello");
        } finally {
            ((Logger) LoggerFactory.getLogger("io.dolphincluster.runtime.tls"))
                    .detachAppender(logged);
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(
                        () ->
                                logged.list.stream()
                                        .anyMatch(
                                                e ->
                                                        e.getFormattedMessage()
                                                                .contains("it is not TLS")));
    }

    @Test
    void aCertificateRotatedOnDiskIsServedToNewConnections() throws Exception {
        serve("127.0.0.1");
        ClusterTls client = client("127.0.0.9");
        X509Certificate before =
                (X509Certificate)
                        get(client, "127.0.0.1")
                                .sslSession()
                                .orElseThrow()
                                .getPeerCertificates()[0];

        TlsFiles rotated =
                new TestPki(dir.resolve("ca"))
                        .issue(dir.resolve("server"), "127.0.0.1", "rotated.example");

        Awaitility.await("the rotated certificate served")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () ->
                                ((X509Certificate)
                                                get(client, "127.0.0.1")
                                                        .sslSession()
                                                        .orElseThrow()
                                                        .getPeerCertificates()[0])
                                        .getSubjectAlternativeNames().stream()
                                                .anyMatch(n -> n.get(1).equals("rotated.example")));
        assertThat(rotated.cert()).exists();
        assertThat(before.getSubjectAlternativeNames())
                .noneMatch(n -> n.get(1).equals("rotated.example"));
    }
}
