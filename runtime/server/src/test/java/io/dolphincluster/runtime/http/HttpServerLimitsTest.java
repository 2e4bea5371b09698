package io.dolphincluster.runtime.http;

import static io.dolphincluster.runtime.testkit.RawSockets.readResponseHead;
import static io.dolphincluster.runtime.testkit.RawSockets.readUntilClosed;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.runtime.config.HttpServerSettings;
import io.dolphincluster.runtime.metrics.ProcessMetrics;
import io.dolphincluster.runtime.metrics.PrometheusTextParser;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The connection cap and the header deadline of {@link HttpApiServer}, with real sockets. */
class HttpServerLimitsTest {
    private static final int MAX_CONNECTIONS = 5;
    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(1);
    private static final byte[] HELLO =
            "GET /api/hello HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(ISO_8859_1);

    private HttpApiServer server;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws InterruptedException {
        server =
                serve(
                        new HttpServerSettings(
                                MAX_CONNECTIONS, MAX_CONNECTIONS, HEADER_TIMEOUT, List.of()));
    }

    private static HttpApiServer serve(HttpServerSettings settings) throws InterruptedException {
        Route hello =
                new Route(
                        "GET",
                        "/api/hello",
                        Access.PUBLIC,
                        r ->
                                CompletableFuture.completedFuture(
                                        ApiResponse.ok(Map.of("hello", "world"))));
        Route big =
                new Route(
                        "GET",
                        "/api/big",
                        Access.PUBLIC,
                        r ->
                                CompletableFuture.completedFuture(
                                        ApiResponse.ok(Map.of("data", "x".repeat(100_000)))));
        return HttpApiServer.start(
                "test",
                new InetSocketAddress("127.0.0.1", 0),
                List.of(hello, big),
                r -> null,
                List.of(),
                settings);
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) socket.close();
        server.close();
    }

    @Test
    void aConnectionBeyondTheCapIsClosedAtOnceAndCountedAndItsSlotComesBack() throws Exception {
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < MAX_CONNECTIONS; i++) held.add(connect());
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> server.counters().open() == MAX_CONNECTIONS);

        Socket extra = connect();
        assertThat(readUntilClosed(extra)).isEmpty();
        assertThat(server.counters().refusedConnections()).isEqualTo(1);

        held.get(0).close();
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> server.counters().open() == MAX_CONNECTIONS - 1);
        assertThat(request(connect())).startsWith("HTTP/1.1 200 ");
    }

    @Test
    void oneAddressFloodingThePortIsRefusedWhileAnotherStillConnects() throws Exception {
        try (HttpApiServer limited =
                serve(new HttpServerSettings(8, 3, Duration.ofSeconds(10), List.of()))) {
            List<Socket> flood = new ArrayList<>();
            for (int i = 0; i < 3; i++) flood.add(connect(limited, "127.0.0.2"));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> limited.counters().open() == 3);
            for (int i = 0; i < 4; i++)
                assertThat(readUntilClosed(connect(limited, "127.0.0.2")))
                        .as("beyond the limit of its address: closed before any answer")
                        .isEmpty();
            assertThat(request(connect(limited, "127.0.0.3")))
                    .as("another address is served")
                    .startsWith("HTTP/1.1 200 ");
            for (Socket socket : flood)
                assertThat(request(socket))
                        .as("the flood's own connections keep working")
                        .startsWith("HTTP/1.1 200 ");
            assertThat(limited.counters().refusedByAddress()).isEqualTo(4);
            assertThat(limited.counters().refusedConnections())
                    .as("the port itself was never full")
                    .isZero();

            ProcessMetrics registry = new ProcessMetrics();
            HttpPortCounters.register(registry, "node1", limited::counters);
            assertThat(
                            PrometheusTextParser.parse(registry.scrape())
                                    .value(
                                            "dolphin_http_refused_total",
                                            "node",
                                            "node1",
                                            "reason",
                                            "address_limit"))
                    .isEqualTo(4);

            flood.get(0).close();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> limited.counters().open() == 3); // two of the flood, 127.0.0.3's
            assertThat(request(connect(limited, "127.0.0.2")))
                    .as("the slot of the closed one comes back")
                    .startsWith("HTTP/1.1 200 ");
        }
    }

    @Test
    void headersTrickledSlowerThanTheDeadlineGet408AndTheConnectionClosed() throws Exception {
        Socket slow = connect();
        OutputStream out = slow.getOutputStream();
        long start = System.nanoTime();
        try {
            for (byte b : HELLO) { // one byte every 100 ms: the whole head would take 4 s
                out.write(b);
                out.flush();
                Thread.sleep(100);
            }
        } catch (SocketException closed) {
            // the server closed it mid-way, as it should
        }
        String received = readUntilClosed(slow);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(received).startsWith("HTTP/1.1 408 ");
        assertThat(took).isLessThan(HEADER_TIMEOUT.multipliedBy(3));
        assertThat(server.counters().headerTimeouts()).isEqualTo(1);
        assertThat(request(connect()))
                .as("others are served meanwhile")
                .startsWith("HTTP/1.1 200 ");
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheDeadline() throws Exception {
        Socket silent = connect();
        long start = System.nanoTime();
        assertThat(readUntilClosed(silent)).startsWith("HTTP/1.1 408 ");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(HEADER_TIMEOUT.minusMillis(100), HEADER_TIMEOUT.multipliedBy(3));
    }

    @Test
    void anIdleKeepAliveConnectionOutlivesTheDeadlineButItsNextHeadsAreTimedToo() throws Exception {
        Socket socket = connect();
        assertThat(request(socket)).startsWith("HTTP/1.1 200 ");
        long idleUntil = System.nanoTime() + HEADER_TIMEOUT.multipliedBy(2).toNanos();
        Awaitility.await()
                .pollInterval(Duration.ofMillis(100))
                .atMost(Duration.ofSeconds(5))
                .until(() -> System.nanoTime() > idleUntil);
        assertThat(request(socket))
                .as("idle between requests is the idle timeout's business")
                .startsWith("HTTP/1.1 200 ");

        socket.getOutputStream().write("GET /api/hel".getBytes(ISO_8859_1));
        socket.getOutputStream().flush();
        assertThat(readUntilClosed(socket)).startsWith("HTTP/1.1 408 ");
    }

    @Test
    void aClientThatPipelinesRequestsWithoutReadingTheAnswersIsCutOff() throws Exception {
        Socket reader = connect();
        // All 1000 requests (100 MB of answers if all were queued) in one write that the socket's
        // buffer takes whole: written one by one, a write after the server's cut failed with a
        // broken pipe before the test could read the 503 (seen once on a loaded machine).
        byte[] requests =
                "GET /api/big HTTP/1.1\r\nHost: localhost\r\n\r\n"
                        .repeat(1000)
                        .getBytes(ISO_8859_1);
        reader.setSendBufferSize(4 * requests.length);
        reader.getOutputStream().write(requests);
        reader.getOutputStream().flush();
        String received = readUntilClosed(reader);

        int answered = received.split("HTTP/1.1 200 ", -1).length - 1;
        assertThat(answered).as("answers sent before the cut").isLessThan(200);
        assertThat(received).contains("HTTP/1.1 503 ").contains("before their answers were read");
    }

    @Test
    void whatTheLimitsRefusedIsCountedForMetrics() throws Exception {
        for (int i = 0; i < MAX_CONNECTIONS; i++) connect();
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> server.counters().open() == MAX_CONNECTIONS);
        assertThat(readUntilClosed(connect())).isEmpty();
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> server.counters().headerTimeouts() == MAX_CONNECTIONS);

        ProcessMetrics registry = new ProcessMetrics();
        HttpPortCounters.register(registry, "node1", server::counters);
        PrometheusTextParser.Parsed metrics = PrometheusTextParser.parse(registry.scrape());
        assertThat(
                        metrics.value(
                                "dolphin_http_refused_total",
                                "node",
                                "node1",
                                "reason",
                                "connection_limit"))
                .isEqualTo(1);
        assertThat(
                        metrics.value(
                                "dolphin_http_refused_total",
                                "node",
                                "node1",
                                "reason",
                                "header_timeout"))
                .isEqualTo(MAX_CONNECTIONS);
        assertThat(
                        metrics.value(
                                "dolphin_http_refused_total",
                                "node",
                                "node1",
                                "reason",
                                "wrong_host"))
                .isZero();
        assertThat(metrics.has("dolphin_http_connections")).isTrue();
    }

    private Socket connect() throws IOException {
        return connect(server, null);
    }

    /** A connection from {@code from} (all of 127/8 is loopback on Linux), or the default. */
    private Socket connect(HttpApiServer to, String from) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        if (from != null) socket.bind(new InetSocketAddress(from, 0));
        socket.connect(to.address(), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Sends a GET and returns the response's head. */
    private static String request(Socket socket) throws IOException {
        socket.getOutputStream().write(HELLO);
        socket.getOutputStream().flush();
        String head = readResponseHead(socket);
        int length = Integer.parseInt(head.replaceAll("(?s).*content-length: (\\d+).*", "$1"));
        socket.getInputStream().readNBytes(length);
        return head;
    }
}
