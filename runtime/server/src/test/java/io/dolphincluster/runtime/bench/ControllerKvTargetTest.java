package io.dolphincluster.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dolphincluster.runtime.testkit.Credentials;
import io.dolphincluster.runtime.testkit.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Checks {@link ControllerKvTarget} against fake controllers on loopback. */
class ControllerKvTargetTest {

    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void followsRedirectToLeaderAndThenSendsStraightThere() throws Exception {
        FakeController leader = fake(request -> new Answer(200, null, ""));
        FakeController follower =
                fake(request -> new Answer(307, leader.base() + request.path(), ""));

        try (ControllerKvTarget target =
                new ControllerKvTarget(
                        List.of(follower.base(), leader.base()), Credentials.none())) {
            target.put("bench.1", "abc".getBytes(StandardCharsets.US_ASCII))
                    .get(10, TimeUnit.SECONDS);
            target.put("bench.2", "def".getBytes(StandardCharsets.US_ASCII))
                    .get(10, TimeUnit.SECONDS);

            assertThat(follower.requests())
                    .extracting(Request::path)
                    .containsExactly("/api/config/bench.1");
            assertThat(leader.requests())
                    .containsExactly(
                            new Request("PUT", "/api/config/bench.1", "{\"value\":\"abc\"}"),
                            new Request("PUT", "/api/config/bench.2", "{\"value\":\"def\"}"));
            assertThat(target.currentLeaderBase()).isEqualTo(leader.base());
        }
    }

    @Test
    void noLeaderFailsThePut() throws Exception {
        FakeController member = fake(request -> new Answer(503, null, "no leader"));

        try (ControllerKvTarget target =
                new ControllerKvTarget(List.of(member.base()), Credentials.none())) {
            Throwable failure =
                    target.put("k", new byte[] {'v'})
                            .handle((ok, error) -> error)
                            .get(10, TimeUnit.SECONDS);

            assertThat(failure).isNotNull();
            assertThat(failure.getMessage()).contains("503").contains("no leader");
        }
    }

    @Test
    void otherStatusFailsWithStatusAndBody() throws Exception {
        FakeController member = fake(request -> new Answer(400, null, "bad key"));

        try (ControllerKvTarget target =
                new ControllerKvTarget(List.of(member.base()), Credentials.none())) {
            Throwable failure =
                    target.put("k", new byte[] {'v'})
                            .handle((ok, error) -> error)
                            .get(10, TimeUnit.SECONDS);

            assertThat(failure.getMessage()).contains("400").contains("bad key");
        }
    }

    @Test
    void redirectLoopIsCutOff() throws Exception {
        FakeController[] self = new FakeController[1];
        self[0] = fake(request -> new Answer(307, self[0].base() + request.path(), ""));

        try (ControllerKvTarget target =
                new ControllerKvTarget(List.of(self[0].base()), Credentials.none())) {
            Throwable failure =
                    target.put("k", new byte[] {'v'})
                            .handle((ok, error) -> error)
                            .get(10, TimeUnit.SECONDS);

            assertThat(failure.getMessage()).contains("redirected");
            assertThat(self[0].requests()).hasSize(ControllerKvTarget.MAX_REDIRECTS + 1);
        }
    }

    @Test
    void unreachableMemberFailsThePutAndTheNextPutTriesAnotherMember() throws Exception {
        URI closedPort = URI.create("http://127.0.0.1:" + FreePorts.one());
        FakeController live = fake(request -> new Answer(200, null, ""));

        try (ControllerKvTarget target =
                new ControllerKvTarget(List.of(closedPort, live.base()), Credentials.none())) {
            Throwable failure =
                    target.put("k", new byte[] {'v'})
                            .handle((ok, error) -> error)
                            .get(10, TimeUnit.SECONDS);
            assertThat(failure).isNotNull();

            target.put("k", new byte[] {'v'}).get(10, TimeUnit.SECONDS);
            assertThat(live.requests()).hasSize(1);
        }
    }

    @Test
    void nonAsciiValueIsRejectedWithoutSending() throws Exception {
        FakeController member = fake(request -> new Answer(200, null, ""));

        try (ControllerKvTarget target =
                new ControllerKvTarget(List.of(member.base()), Credentials.none())) {
            Throwable failure =
                    target.put("k", new byte[] {(byte) 0xC3, (byte) 0xA9})
                            .handle((ok, error) -> error)
                            .get(10, TimeUnit.SECONDS);

            assertThat(failure).isInstanceOf(IllegalArgumentException.class);
            assertThat(member.requests()).isEmpty();
        }
    }

    private FakeController fake(Function<Request, Answer> behaviour) throws IOException {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        List<Request> requests = new CopyOnWriteArrayList<>();
        server.createContext("/", exchange -> answer(exchange, behaviour, requests));
        server.start();
        servers.add(server);
        return new FakeController(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), requests);
    }

    private static void answer(
            HttpExchange exchange, Function<Request, Answer> behaviour, List<Request> requests)
            throws IOException {
        try (exchange) {
            Request request =
                    new Request(
                            exchange.getRequestMethod(),
                            exchange.getRequestURI().getRawPath(),
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8));
            requests.add(request);
            Answer answer = behaviour.apply(request);
            if (answer.location() != null) {
                exchange.getResponseHeaders().add("Location", answer.location());
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    private record Request(String method, String path, String body) {}

    private record Answer(int status, String location, String body) {}

    private record FakeController(URI base, List<Request> requests) {}
}
