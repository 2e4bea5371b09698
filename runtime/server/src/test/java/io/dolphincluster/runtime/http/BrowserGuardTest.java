package io.dolphincluster.runtime.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.runtime.config.HttpServerSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Host and cross-site checks on a real server, with the headers browsers send. */
class BrowserGuardTest {
    private HttpApiServer server;

    @BeforeEach
    void start() throws InterruptedException {
        List<Route> routes =
                List.of(
                        new Route(
                                "GET",
                                "/api/read",
                                Access.PUBLIC,
                                r ->
                                        CompletableFuture.completedFuture(
                                                ApiResponse.ok(Map.of("read", true)))),
                        new Route(
                                "POST",
                                "/api/change",
                                Access.PUBLIC,
                                r ->
                                        CompletableFuture.completedFuture(
                                                ApiResponse.ok(Map.of("changed", true)))));
        server =
                HttpApiServer.start(
                        "test",
                        new InetSocketAddress("127.0.0.1", 0),
                        routes,
                        r -> null,
                        List.of(),
                        HttpServerSettings.defaults().withHosts(List.of("db.example.com")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRequestForAnotherPublicNameIs421() throws IOException {
        assertThat(exchange("GET /api/read", "Host: attacker.example:" + port()))
                .startsWith("HTTP/1.1 421 ")
                .contains("attacker.example");
        assertThat(exchange("GET /api/read", "Host: db.example.com:" + port()))
                .startsWith("HTTP/1.1 200 ");
        assertThat(exchange("GET /api/read", "Host: 127.0.0.1:" + port()))
                .startsWith("HTTP/1.1 200 ");
    }

    @Test
    void aChangeFromAnotherSitesPageIs403AndFromThePageItselfPasses() throws IOException {
        String host = "Host: 127.0.0.1:" + port();
        assertThat(
                        exchange(
                                "POST /api/change",
                                host,
                                "Origin: http://evil.example",
                                "Sec-Fetch-Site: cross-site"))
                .startsWith("HTTP/1.1 403 ")
                .contains("cross-site");
        assertThat(exchange("POST /api/change", host, "Origin: http://evil.example"))
                .startsWith("HTTP/1.1 403 ");
        assertThat(
                        exchange(
                                "POST /api/change",
                                host,
                                "Origin: http://127.0.0.1:" + port(),
                                "Sec-Fetch-Site: same-origin"))
                .startsWith("HTTP/1.1 200 ");
        assertThat(
                        exchange(
                                "GET /api/read",
                                host,
                                "Origin: http://evil.example",
                                "Sec-Fetch-Site: cross-site"))
                .as("a read")
                .startsWith("HTTP/1.1 200 ");
    }

    @Test
    void clientsThatAreNoBrowserPass() throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://127.0.0.1:"
                                                                + port()
                                                                + "/api/change"))
                                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private int port() {
        return server.address().getPort();
    }

    /**
     * Sends a request with a small JSON body and these header lines; returns everything the server
     * sent before closing.
     */
    private String exchange(String requestLine, String... headers) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server.address(), 5_000);
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(requestLine).append(" HTTP/1.1\r\n");
            for (String header : headers) request.append(header).append("\r\n");
            request.append(
                    "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
            socket.getOutputStream().write(request.toString().getBytes(ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), ISO_8859_1);
        }
    }
}
