package io.dolphincluster.runtime.http;

import static io.dolphincluster.runtime.testkit.RawSockets.readResponseHead;
import static io.dolphincluster.runtime.testkit.RawSockets.readUntilClosed;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dolphincluster.protocol.auth.ClusterCredential;
import io.dolphincluster.runtime.auth.BasicCredentials;
import io.dolphincluster.runtime.auth.MemberVerifier;
import io.dolphincluster.runtime.auth.PasswordHash;
import io.dolphincluster.runtime.auth.Role;
import io.dolphincluster.runtime.auth.UserStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpApiServerTest {

    /**
     * How long any single socket read may block before the test calls the server stuck (its idle
     * timeout is 120 s).
     */
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private static final HttpClient CLIENT =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    record Greeting(String name, int count) {}

    private HttpApiServer server;

    private static List<Route> routes() {
        return List.of(
                new Route("GET", "/api/hello", Access.PUBLIC, r -> ok(Map.of("hello", "world"))),
                new Route("POST", "/api/echo", Access.PUBLIC, r -> ok(r.bodyAs(Greeting.class))),
                new Route(
                        "POST",
                        "/api/size",
                        Access.PUBLIC,
                        r -> ok(Map.of("bytes", r.body().length))),
                new Route(
                        "GET",
                        "/api/items/{name}",
                        Access.PUBLIC,
                        r -> {
                            Map<String, Object> body = new LinkedHashMap<>();
                            body.put("name", r.pathParam("name"));
                            body.put("color", r.queryParam("color"));
                            return ok(body);
                        }),
                new Route(
                        "DELETE",
                        "/api/items/{name}",
                        Access.PUBLIC,
                        r -> ok(Map.of("deleted", r.pathParam("name")))),
                new Route(
                        "GET",
                        "/api/conflict",
                        Access.PUBLIC,
                        r -> {
                            throw ApiException.conflict("item exists");
                        }),
                new Route(
                        "GET",
                        "/api/broken",
                        Access.PUBLIC,
                        r -> CompletableFuture.failedFuture(new RuntimeException("disk on fire"))),
                new Route(
                        "GET",
                        "/api/throws",
                        Access.PUBLIC,
                        r -> {
                            throw new IllegalStateException("handler bug");
                        }),
                new Route(
                        "GET",
                        "/api/later",
                        Access.PUBLIC,
                        r ->
                                CompletableFuture.supplyAsync(
                                        () -> ApiResponse.status(202, Map.of("accepted", true)))),
                new Route(
                        "GET",
                        "/api/read",
                        Access.USER,
                        r -> ok(Map.of("caller", r.principal().describe()))),
                new Route(
                        "POST",
                        "/api/change",
                        Access.ADMIN,
                        r -> ok(Map.of("caller", r.principal().describe()))),
                new Route(
                        "POST",
                        "/api/internal",
                        Access.MEMBER,
                        r -> ok(Map.of("caller", r.principal().describe()))));
    }

    private static final ClusterCredential CREDENTIAL =
            ClusterCredential.of(ClusterCredential.generateSecret());
    private static final UserStore USERS = new UserStore();

    static {
        USERS.put("admin", PasswordHash.hash("s3cret"), Role.ADMIN);
        USERS.put("alice", PasswordHash.hash("reads"), Role.READER);
    }

    private static CompletableFuture<ApiResponse> ok(Object body) {
        return CompletableFuture.completedFuture(ApiResponse.ok(body));
    }

    @BeforeEach
    void startServer() throws InterruptedException {
        server =
                HttpApiServer.start(
                        "test",
                        new InetSocketAddress("127.0.0.1", 0),
                        routes(),
                        new HttpAuthentication(
                                "test",
                                new MemberVerifier("test", CREDENTIAL),
                                USERS,
                                Runnable::run));
    }

    @AfterEach
    void closeServer() {
        if (server != null) server.close();
    }

    // ---- access

    @Test
    void everyRouteButAPublicOneWantsCredentialsAndTheRightAccess() throws Exception {
        String admin = new BasicCredentials("admin", "s3cret").header();
        String reader = new BasicCredentials("alice", "reads").header();
        String wrong = new BasicCredentials("admin", "wrong").header();
        for (String path : List.of("/api/read", "/api/change", "/api/internal")) {
            String method = path.equals("/api/read") ? "GET" : "POST";
            assertThat(call(method, path, null).statusCode()).as("none " + path).isEqualTo(401);
            assertThat(call(method, path, wrong).statusCode()).as("wrong " + path).isEqualTo(401);
            assertThat(call(method, path, "Bearer x").statusCode())
                    .as("another scheme " + path)
                    .isEqualTo(401);
            assertThat(call(method, path, "DolphinNode v1:n:1:2:3").statusCode())
                    .as("forged token " + path)
                    .isEqualTo(401);
        }
        assertThat(call("GET", "/api/read", reader).body()).contains("user alice");
        assertThat(call("POST", "/api/change", reader).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/internal", reader).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/change", admin).body()).contains("user admin");
        assertThat(call("POST", "/api/internal", admin).statusCode())
                .as("members only")
                .isEqualTo(403);
        assertThat(call("POST", "/api/internal", member("POST", "/api/internal")).body())
                .contains("node datanode1");
        assertThat(call("POST", "/api/change", member("POST", "/api/change")).statusCode())
                .isEqualTo(200);
        assertThat(call("GET", "/api/hello", null).statusCode()).as("public").isEqualTo(200);
        HttpResponse<String> refused = call("GET", "/api/read", null);
        assertThat(refused.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    }

    @Test
    void aMemberTokenIsGoodForOneRequestOnce() throws Exception {
        String token = member("POST", "/api/internal");
        assertThat(call("POST", "/api/internal", token).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/internal", token).statusCode()).as("replayed").isEqualTo(401);
        assertThat(call("POST", "/api/change", member("POST", "/api/internal")).statusCode())
                .as("made for another path")
                .isEqualTo(401);
        String otherCluster =
                ClusterCredential.of(ClusterCredential.generateSecret())
                        .httpAuthorization("datanode1", "POST", "/api/internal", new byte[0]);
        assertThat(call("POST", "/api/internal", otherCluster).statusCode())
                .as("another cluster's secret")
                .isEqualTo(401);
    }

    @Test
    void theServerListsItsRoutesWithTheirAccess() throws Exception {
        HttpResponse<String> table =
                call(
                        "GET",
                        HttpApiServer.ROUTE_TABLE,
                        new BasicCredentials("alice", "reads").header());
        assertThat(table.statusCode()).isEqualTo(200);
        assertThat(json(table).get("routes").toString())
                .contains("{\"method\":\"POST\",\"path\":\"/api/internal\",\"access\":\"MEMBER\"}")
                .contains("/api/routes");
    }

    private static String member(String method, String path) {
        return CREDENTIAL.httpAuthorization("datanode1", method, path, new byte[0]);
    }

    private HttpResponse<String> call(String method, String path, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(path))
                        .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) request.header("Authorization", authorization);
        return send(request);
    }

    // ---- helpers

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + pathAndQuery);
    }

    private HttpResponse<String> send(HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return CLIENT.send(
                request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> post(String path, String body)
            throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.MAPPER.readTree(response.body());
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(server.address(), 5_000);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    /**
     * Writes all bytes; false when the server closed the connection first (which it may, for bad
     * input).
     */
    private static boolean writeTolerantly(Socket socket, byte[] bytes) {
        try {
            OutputStream out = socket.getOutputStream();
            for (int offset = 0; offset < bytes.length; offset += 16 * 1024) {
                out.write(bytes, offset, Math.min(16 * 1024, bytes.length - offset));
            }
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void assertClosedWithNothingOrA400(String received) {
        assertThat(received)
                .satisfiesAnyOf(
                        r -> assertThat(r).isEmpty(),
                        r -> assertThat(r).startsWith("HTTP/1.1 400 "));
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private void assertStillServesQuickly() throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response =
                send(
                        HttpRequest.newBuilder(uri("/api/hello"))
                                .timeout(Duration.ofSeconds(2))
                                .GET());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("hello").asText()).isEqualTo("world");
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    // ---- routing and responses

    @Test
    void aGetRouteAnswers200WithJson() throws Exception {
        HttpResponse<String> response = get("/api/hello");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(json(response)).isEqualTo(Json.MAPPER.readTree("{\"hello\":\"world\"}"));
        assertThat(response.headers().firstValueAsLong("content-length"))
                .hasValue(response.body().getBytes(UTF_8).length);
    }

    @Test
    void aPostRouteReceivesTheParsedBody() throws Exception {
        HttpResponse<String> response =
                post("/api/echo", "{\"name\":\"dolphin\",\"count\":3,\"ignored\":true}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readValue(response.body(), Greeting.class))
                .isEqualTo(new Greeting("dolphin", 3));
    }

    @Test
    void pathAndQueryParametersReachTheHandler() throws Exception {
        HttpResponse<String> response = get("/api/items/widget?color=blue");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response))
                .isEqualTo(Json.MAPPER.readTree("{\"name\":\"widget\",\"color\":\"blue\"}"));
    }

    @Test
    void pathParametersArePercentDecoded() throws Exception {
        HttpResponse<String> response = get("/api/items/big%20widget");

        assertThat(json(response).path("name").asText()).isEqualTo("big widget");
        assertThat(json(response).path("color").isNull()).isTrue();
    }

    @Test
    void anEncodedSlashStaysInsideItsPathParameter() throws Exception {
        HttpResponse<String> response = get("/api/items/a%2Fb");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("name").asText()).isEqualTo("a/b");
    }

    @Test
    void theSamePathDispatchesByMethod() throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(uri("/api/items/widget")).DELETE());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("deleted").asText()).isEqualTo("widget");
    }

    @Test
    void anUnknownPathIs404() throws Exception {
        HttpResponse<String> response = get("/api/nothing/here");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").asText())
                .isEqualTo("no such endpoint: /api/nothing/here");
    }

    @Test
    void aMissingPathParameterIs404() throws Exception {
        assertThat(get("/api/items/").statusCode()).isEqualTo(404);
    }

    @Test
    void aWrongMethodOnAKnownPathIs405() throws Exception {
        HttpResponse<String> response = post("/api/hello", "{}");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(json(response).path("error").asText())
                .isEqualTo("method POST is not allowed on /api/hello");
    }

    @Test
    void anApiExceptionBecomesItsStatusWithAnErrorField() throws Exception {
        HttpResponse<String> response = get("/api/conflict");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response)).isEqualTo(Json.MAPPER.readTree("{\"error\":\"item exists\"}"));
    }

    @Test
    void aFailedFutureIs500() throws Exception {
        HttpResponse<String> response = get("/api/broken");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json(response).path("error").asText()).contains("disk on fire");
    }

    @Test
    void aHandlerThatThrowsIs500() throws Exception {
        HttpResponse<String> response = get("/api/throws");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json(response).path("error").asText()).contains("handler bug");
    }

    @Test
    void aFutureCompletedOnAnotherThreadIsAnswered() throws Exception {
        HttpResponse<String> response = get("/api/later");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response).path("accepted").asBoolean()).isTrue();
    }

    @Test
    void aBodyThatIsNotJsonIs400() throws Exception {
        HttpResponse<String> response = post("/api/echo", "name=dolphin&count=3");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText())
                .startsWith("the body is not valid JSON for this request");
    }

    @Test
    void aBodyOfTheWrongTypesIs400() throws Exception {
        HttpResponse<String> response =
                post("/api/echo", "{\"name\":\"dolphin\",\"count\":\"many\"}");

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void anEmptyBodyIs400() throws Exception {
        HttpResponse<String> response = post("/api/echo", "");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).isEqualTo("a JSON body is required");
    }

    @Test
    void aBodyOfExactlyTheLimitIsAccepted() throws Exception {
        byte[] body = new byte[HttpApiServer.MAX_BODY_BYTES];
        Arrays.fill(body, (byte) ' ');

        HttpResponse<String> response =
                send(
                        HttpRequest.newBuilder(uri("/api/size"))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("bytes").asInt()).isEqualTo(HttpApiServer.MAX_BODY_BYTES);
    }

    @Test
    void aKeepAliveConnectionServesSeveralRequests() throws Exception {
        try (Socket socket = connect()) {
            for (int i = 0; i < 3; i++) {
                socket.getOutputStream()
                        .write(
                                "GET /api/hello HTTP/1.1\r\nHost: test\r\n\r\n"
                                        .getBytes(ISO_8859_1));
                String head = readResponseHead(socket);
                assertThat(head).startsWith("HTTP/1.1 200 ");
                int length =
                        Integer.parseInt(
                                head.lines()
                                        .filter(l -> l.toLowerCase().startsWith("content-length:"))
                                        .findFirst()
                                        .orElseThrow()
                                        .substring("content-length:".length())
                                        .trim());
                assertThat(socket.getInputStream().readNBytes(length))
                        .asString(UTF_8)
                        .isEqualTo("{\"hello\":\"world\"}");
            }
        }
    }

    @Test
    void connectionCloseIsHonoured() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream()
                    .write(
                            "GET /api/hello HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"
                                    .getBytes(ISO_8859_1));

            String received = readUntilClosed(socket);

            assertThat(received).startsWith("HTTP/1.1 200 ").endsWith("{\"hello\":\"world\"}");
        }
    }

    // ---- robustness

    @Test
    void randomBytesGetTheConnectionClosed() throws Exception {
        try (Socket socket = connect()) {
            writeTolerantly(socket, randomBytes(new Random(1), 64 * 1024));

            assertClosedWithNothingOrA400(readUntilClosed(socket));
        }
        assertStillServesQuickly();
    }

    @Test
    void aMalformedRequestLineIsAnswered400AndClosed() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GARBAGE\u0001 / HTTP/9.9\r\n\r\n".getBytes(ISO_8859_1));

            assertThat(readUntilClosed(socket))
                    .startsWith("HTTP/1.1 400 ")
                    .contains("malformed HTTP request");
        }
    }

    @Test
    void anOversizedBodyIsRefusedWith413OrAClosedConnection() throws Exception {
        int length = HttpApiServer.MAX_BODY_BYTES + 1;
        try (Socket socket = connect()) {
            String headers =
                    "POST /api/size HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                            + "Content-Length: "
                            + length
                            + "\r\n\r\n";
            writeTolerantly(socket, headers.getBytes(ISO_8859_1));
            writeTolerantly(socket, new byte[length]);

            String head = readResponseHead(socket);

            assertThat(head)
                    .satisfiesAnyOf(
                            h -> assertThat(h).isEmpty(),
                            h -> assertThat(h).startsWith("HTTP/1.1 413 "));
        }
        assertStillServesQuickly();
    }

    @Test
    void aHugeContentLengthIsRefusedWithoutWaitingForTheBody() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream()
                    .write(
                            ("POST /api/size HTTP/1.1\r\nHost: test\r\n"
                                            + "Content-Length: 10000000000\r\n\r\n")
                                    .getBytes(ISO_8859_1));

            assertThat(readResponseHead(socket))
                    .satisfiesAnyOf(
                            h -> assertThat(h).isEmpty(),
                            h -> assertThat(h).startsWith("HTTP/1.1 413 "));
        }
    }

    @Test
    void anOversizedChunkedBodyIsRefused() throws Exception {
        try (Socket socket = connect()) {
            writeTolerantly(
                    socket,
                    "POST /api/size HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n"
                            .getBytes(ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            String chunkHeader = Integer.toHexString(chunk.length) + "\r\n";
            for (int sent = 0; sent <= HttpApiServer.MAX_BODY_BYTES; sent += chunk.length) {
                if (!writeTolerantly(socket, chunkHeader.getBytes(ISO_8859_1))
                        || !writeTolerantly(socket, chunk)
                        || !writeTolerantly(socket, "\r\n".getBytes(ISO_8859_1))) {
                    break;
                }
            }
            writeTolerantly(socket, "0\r\n\r\n".getBytes(ISO_8859_1));

            assertThat(readResponseHead(socket))
                    .satisfiesAnyOf(
                            h -> assertThat(h).isEmpty(),
                            h -> assertThat(h).startsWith("HTTP/1.1 413 "));
        }
        assertStillServesQuickly();
    }

    @Test
    void survivesGarbageFloodsAndOversizedBodiesAndStillAnswersQuickly() throws Exception {
        Random random = new Random(20240102);

        // (a) 64 KiB of random bytes on one connection
        try (Socket socket = connect()) {
            writeTolerantly(socket, randomBytes(random, 64 * 1024));
            assertClosedWithNothingOrA400(readUntilClosed(socket));
        }

        // (b) 2,000 connections, one after the other, each with a few hundred random bytes
        //     (every other one starting with a valid request line, to reach the header parser)
        int answered400 = 0;
        for (int i = 0; i < 2_000; i++) {
            try (Socket socket = connect()) {
                byte[] garbage = randomBytes(random, 100 + random.nextInt(400));
                if (i % 2 == 1) {
                    byte[] line = "POST /api/echo HTTP/1.1\r\n".getBytes(ISO_8859_1);
                    System.arraycopy(line, 0, garbage, 0, line.length);
                }
                writeTolerantly(socket, garbage);
                try {
                    socket.shutdownOutput();
                } catch (IOException e) {
                    // already closed by the server
                }
                String received = readUntilClosed(socket);
                assertClosedWithNothingOrA400(received);
                if (!received.isEmpty()) answered400++;
            }
        }
        assertThat(answered400).as("connections answered with a 400").isPositive();

        // (c) a body larger than the limit
        try (Socket socket = connect()) {
            int length = HttpApiServer.MAX_BODY_BYTES + 1;
            writeTolerantly(
                    socket,
                    ("POST /api/size HTTP/1.1\r\nHost: test\r\nContent-Length: "
                                    + length
                                    + "\r\n\r\n")
                            .getBytes(ISO_8859_1));
            writeTolerantly(socket, randomBytes(random, length));
            assertThat(readResponseHead(socket))
                    .satisfiesAnyOf(
                            h -> assertThat(h).isEmpty(),
                            h -> assertThat(h).startsWith("HTTP/1.1 413 "));
        }

        assertStillServesQuickly();
    }

    // ---- lifecycle

    @Test
    void listensOnTheRequestedLoopbackAddressWithAnEphemeralPort() {
        assertThat(server.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(server.address().getPort()).isPositive();
    }

    @Test
    void afterCloseThePortRefusesConnections() {
        InetSocketAddress address = server.address();
        server.close();
        server = null;

        assertThatThrownBy(
                        () -> {
                            try (Socket socket = new Socket()) {
                                socket.connect(address, 2_000);
                            }
                        })
                .isInstanceOf(IOException.class);
    }

    @Test
    void startingOnATakenPortFails() {
        assertThatThrownBy(
                        () ->
                                HttpApiServer.start("test", server.address(), routes(), r -> null)
                                        .close())
                .isInstanceOf(BindException.class);
    }

    @Test
    void aFailedStartLeavesNoThreadsBehind() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        assertThatThrownBy(
                        () ->
                                HttpApiServer.start("test", server.address(), routes(), r -> null)
                                        .close())
                .isInstanceOf(BindException.class);

        Awaitility.await()
                .pollInSameThread()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> {
                            Set<String> leaked =
                                    Thread.getAllStackTraces().keySet().stream()
                                            .filter(
                                                    t ->
                                                            !before.contains(t)
                                                                    && t.isAlive()
                                                                    && !t.isDaemon())
                                            .map(Thread::getName)
                                            .collect(Collectors.toSet());
                            assertThat(leaked).isEmpty();
                        });
    }
}
