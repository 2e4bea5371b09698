package io.dolphincluster.runtime.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.dolphincluster.runtime.config.Site;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The link against a stand-in leader on a real socket, and a configured controller that is gone. */
class ControllerLinkTest {
    private HttpServer leader;

    private String startLeader() throws IOException {
        leader = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        leader.createContext("/api/leader", exchange -> {
            byte[] body = "{\"alias\":\"c2\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        leader.start();
        return "127.0.0.1:" + leader.getAddress().getPort();
    }

    private static Site goneController() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return new Site("127.0.0.1", socket.getLocalPort(), "c1");
        }
    }

    @AfterEach
    void stop() {
        if (leader != null) leader.stop(0);
    }

    @Test
    void aControllerLearntFromTheLeaderIsTriedWhenTheConfiguredOnesAreGone() throws Exception {
        String learnt = startLeader();
        ControllerLink link = new ControllerLink("d1", io.dolphincluster.protocol.auth.ClusterCredential.of(io.dolphincluster.protocol.auth.ClusterCredential.generateSecret()),
                List.of(goneController()), Duration.ofSeconds(2));
        assertThatThrownBy(() -> link.get("/api/leader")).isInstanceOf(ControllerLink.Unavailable.class);

        link.learnControllers(List.of(learnt));

        ControllerLink.Answer answer = link.get("/api/leader");
        assertThat(answer.ok()).isTrue();
        assertThat(link.leaderSite()).contains(learnt);
    }
}
