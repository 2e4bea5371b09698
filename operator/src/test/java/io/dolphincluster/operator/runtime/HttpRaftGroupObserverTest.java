package io.dolphincluster.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.dolphincluster.protocol.auth.ClusterCredential;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admin-API client against a stand-in controller serving the runtime's JSON contract. */
class HttpRaftGroupObserverTest {
    private static final ClusterCredential CREDENTIAL =
            ClusterCredential.of(ClusterCredential.generateSecret());
    private static final ClusterAccess ACCESS = new ClusterAccess(CREDENTIAL);
    private final HttpRaftGroupObserver observer =
            new HttpRaftGroupObserver(new ControllerAdminClient(Duration.ofSeconds(2)));
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer server;

    private URI controller(int leaderStatus, String leaderBody) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/api/leader",
                exchange -> {
                    authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                    reply(exchange, leaderStatus, leaderBody);
                });
        server.createContext(
                "/api/admin/members",
                exchange ->
                        reply(
                                exchange,
                                200,
                                "{\"members\":[{\"alias\":\"demo-controller-0\",\"site\":\"a:8900:demo-controller-0\"},"
                                        + "{\"alias\":\"demo-controller-1\",\"site\":\"b:8900:demo-controller-1\"}]}"));
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * By alias, in order; none is named as the stand-in's leader, so members come from the one that
     * answered.
     */
    private static Map<String, URI> controllers(URI... urls) {
        Map<String, URI> byAlias = new LinkedHashMap<>();
        for (int i = 0; i < urls.length; i++) {
            byAlias.put("other-controller-" + i, urls[i]);
        }
        return byAlias;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void readsTheLeaderAndMembersFromTheFirstControllerThatAnswers() throws IOException {
        URI alive =
                controller(
                        200,
                        "{\"alias\":\"demo-controller-1\",\"term\":4,\"answeredBy\":\"demo-controller-0\"}");
        URI silent = URI.create("http://127.0.0.1:1");

        assertThat(observer.observe(controllers(silent, alive), ACCESS))
                .contains(
                        new RaftGroupView(
                                "demo-controller-1",
                                List.of("demo-controller-0", "demo-controller-1")));
    }

    @Test
    void everyCallIsSignedAsAMemberOfTheCluster() throws IOException {
        URI alive = controller(200, "{\"alias\":\"demo-controller-1\",\"term\":4}");

        observer.observe(controllers(alive), ACCESS);

        assertThat(authorizations)
                .singleElement()
                .satisfies(
                        header -> {
                            assertThat(header).startsWith("DolphinNode v1:operator:");
                            String purpose =
                                    ClusterCredential.httpPurpose(
                                            "GET", "/api/leader", new byte[0]);
                            assertThat(
                                            CREDENTIAL.verify(
                                                    header.substring("DolphinNode ".length()),
                                                    purpose,
                                                    System.currentTimeMillis()))
                                    .hasValueSatisfying(
                                            token ->
                                                    assertThat(token.node())
                                                            .isEqualTo(ClusterAccess.NODE));
                        });
    }

    @Test
    void noLeaderIsEmptyNotAnError() throws IOException {
        URI noLeader = controller(503, "{\"error\":\"no leader\"}");

        assertThat(observer.observe(controllers(noLeader), ACCESS)).isEmpty();
    }
}
