package io.dolphincluster.runtime.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.dolphincluster.runtime.config.Site;
import io.dolphincluster.runtime.testkit.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The link against a stand-in leader on a real socket, and a configured controller that is gone.
 */
class ControllerLinkTest {
    private HttpServer leader;

    private String startLeader() throws IOException {
        leader = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        leader.createContext(
                "/api/leader",
                exchange -> {
                    byte[] body = "{\"alias\":\"c2\"}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        leader.start();
        return "127.0.0.1:" + leader.getAddress().getPort();
    }

    private static Site goneController() {
        return new Site("127.0.0.1", FreePorts.one(), "c1");
    }

    @AfterEach
    void stop() {
        if (leader != null) leader.stop(0);
    }

    @Test
    void aControllerLearntFromTheLeaderIsTriedWhenTheConfiguredOnesAreGone() throws Exception {
        String learnt = startLeader();
        ControllerLink link =
                new ControllerLink(
                        "d1",
                        io.dolphincluster.protocol.auth.ClusterCredential.of(
                                io.dolphincluster.protocol.auth.ClusterCredential.generateSecret()),
                        List.of(goneController()),
                        Duration.ofSeconds(2));
        assertThatThrownBy(() -> link.get("/api/leader"))
                .isInstanceOf(ControllerLink.Unavailable.class);

        link.learnControllers(List.of(learnt));

        ControllerLink.Answer answer = link.get("/api/leader");
        assertThat(answer.ok()).isTrue();
        assertThat(link.leaderSite()).contains(learnt);
    }

    @Test
    void aLeaderThatStopsAnsweringCostsOneTimeoutNotOnePerCallOrRedirect() throws Exception {
        try (SilentController paused = new SilentController()) {
            String newLeader = startLeader();
            HttpServer follower = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            follower.createContext(
                    "/api/leader",
                    exchange -> { // a follower that still names the paused leader
                        byte[] body =
                                ("{\"error\":\"not the leader\",\"leaderSite\":\""
                                                + paused.site()
                                                + "\"}")
                                        .getBytes(StandardCharsets.UTF_8);
                        exchange.sendResponseHeaders(307, body.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(body);
                        }
                    });
            follower.start();
            try {
                ControllerLink link =
                        new ControllerLink(
                                "d1",
                                io.dolphincluster.protocol.auth.ClusterCredential.of(
                                        io.dolphincluster.protocol.auth.ClusterCredential
                                                .generateSecret()),
                                List.of(
                                        site(paused.site()),
                                        site("127.0.0.1:" + follower.getAddress().getPort()),
                                        site(newLeader)),
                                Duration.ofSeconds(30));

                assertThat(link.get("/api/leader").ok()).isTrue();
                assertThat(link.leaderSite()).contains(newLeader);
                assertThat(paused.connections())
                        .as("tried once, its follower's 307 not followed")
                        .isEqualTo(1);

                assertThat(link.get("/api/leader").ok()).isTrue();
                assertThat(paused.connections())
                        .as("the next call goes to the leader it found")
                        .isEqualTo(1);
            } finally {
                follower.stop(0);
            }
        }
    }

    private static Site site(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new Site(
                hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)), "c");
    }

    /**
     * Accepts connections and never answers, like a SIGSTOPped process (the kernel still completes
     * the handshake).
     */
    private static final class SilentController implements AutoCloseable {
        private final ServerSocket socket =
                new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        private final List<java.net.Socket> accepted =
                new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Thread acceptor = new Thread(this::accept, "silent-controller");

        SilentController() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void accept() {
            try {
                while (true) accepted.add(socket.accept());
            } catch (IOException closed) {
                // closed by the test
            }
        }

        String site() {
            return "127.0.0.1:" + socket.getLocalPort();
        }

        int connections() {
            return accepted.size();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (java.net.Socket s : accepted) s.close();
        }
    }
}
