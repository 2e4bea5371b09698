package io.dolphincluster.runtime.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeanHttpTest {
    private HttpServer server;
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private LeanHttp http;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    clientPorts.add(exchange.getRemoteAddress().getPort());
                    byte[] request = exchange.getRequestBody().readAllBytes();
                    String path = exchange.getRequestURI().getPath();
                    byte[] answer =
                            (exchange.getRequestMethod()
                                            + " "
                                            + path
                                            + " "
                                            + exchange.getRequestHeaders().getFirst("X-Test")
                                            + " "
                                            + new String(request, StandardCharsets.UTF_8))
                                    .getBytes(StandardCharsets.UTF_8);
                    int status = path.equals("/missing") ? 404 : 200;
                    // 0: chunked; otherwise the length.
                    exchange.sendResponseHeaders(
                            status, path.equals("/chunked") ? 0 : answer.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer);
                    }
                });
        server.start();
        http =
                new LeanHttp(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                        Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        http.close();
        server.stop(0);
    }

    @Test
    void sendsAndReadsSeveralRequestsOnOneConnection() throws IOException {
        for (int i = 0; i < 3; i++) {
            LeanHttp.Response response =
                    http.send("PUT", "/plain", Map.of("X-Test", "h" + i), bytes("body" + i));
            assertEquals(200, response.status());
            assertEquals("PUT /plain h" + i + " body" + i, response.text());
        }
        LeanHttp.Response chunked = http.send("POST", "/chunked", Map.of(), bytes("c"));
        assertEquals("POST /chunked null c", chunked.text());
        assertEquals(404, http.send("GET", "/missing", Map.of(), new byte[0]).status());
        assertEquals(1, clientPorts.size(), "one kept-alive connection: " + clientPorts);
    }

    @Test
    void aConnectionLostIsReportedAndTheNextRequestReconnects() throws IOException {
        http.send("PUT", "/plain", Map.of(), bytes("first"));
        int port = server.getAddress().getPort();
        server.stop(0);
        assertThrows(IOException.class, () -> http.send("PUT", "/plain", Map.of(), bytes("x")));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext(
                "/",
                exchange -> {
                    exchange.sendResponseHeaders(200, -1);
                    exchange.close();
                });
        server.start();
        assertEquals(200, http.send("PUT", "/plain", Map.of(), bytes("again")).status());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
