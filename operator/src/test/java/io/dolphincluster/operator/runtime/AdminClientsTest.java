package io.dolphincluster.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dolphincluster.protocol.auth.ClusterCredential;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's admin-API clients against a stand-in controller that answers with the JSON the
 * runtime writes (fields the operator does not read included), and records what it was sent.
 */
class AdminClientsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ClusterAccess ACCESS =
            new ClusterAccess(ClusterCredential.of(ClusterCredential.generateSecret()));

    private final ControllerAdminClient controllers =
            new ControllerAdminClient(Duration.ofSeconds(2));
    private final DatanodeAdminClient datanodes = new DatanodeAdminClient(Duration.ofSeconds(2));
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private URI controller;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        controller = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String request = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(request + (query == null ? "" : "?" + query) + " " + body);
        String answer = answers.getOrDefault(request, "{\"error\":\"no such route\"}");
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answers.containsKey(request) ? 200 : 404, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void aRunningControllerOutsideTheGroupIsWaitingToJoin() {
        answers.put(
                "GET /api/raft",
                "{\"alias\":\"c3\",\"phase\":\"RUNNING\",\"role\":\"FOLLOWER\",\"term\":0,\"leader\":null,"
                        + "\"members\":[],\"followerLastResponseMillis\":{},\"startId\":\"x\",\"later\":1}");
        assertThat(controllers.joinState(controller, ACCESS))
                .isEqualTo(JoinState.WAITING_TO_BE_ADDED);

        // An add that did not commit: while being caught up it learnt the members, not itself.
        answers.put(
                "GET /api/raft",
                "{\"alias\":\"c3\",\"phase\":\"RUNNING\",\"term\":4,\"leader\":\"c1\",\"members\":"
                        + "[{\"alias\":\"c1\",\"site\":\"a:8900\",\"raftAddress\":\"a:8902\"}]}");
        assertThat(controllers.joinState(controller, ACCESS))
                .isEqualTo(JoinState.WAITING_TO_BE_ADDED);

        answers.put(
                "GET /api/raft",
                "{\"alias\":\"c3\",\"phase\":\"RUNNING\",\"term\":4,\"leader\":\"c1\",\"members\":"
                        + "[{\"alias\":\"c1\",\"site\":\"a:8900\",\"raftAddress\":\"a:8902\"},"
                        + "{\"alias\":\"c3\",\"site\":\"c:8900\",\"raftAddress\":\"c:8902\"}]}");
        assertThat(controllers.joinState(controller, ACCESS)).isEqualTo(JoinState.MEMBER_ELSEWHERE);
        answers.put("GET /api/raft", "{\"alias\":\"c3\",\"phase\":\"STARTING\",\"members\":[]}");
        assertThat(controllers.joinState(controller, ACCESS)).isEqualTo(JoinState.STARTING);
        answers.remove("GET /api/raft");
        assertThat(controllers.joinState(controller, ACCESS)).isEqualTo(JoinState.NO_ANSWER);
    }

    @Test
    void membershipChangesAndThePasswordAreSentAsTheRuntimeReadsThem() throws IOException {
        answers.put("POST /api/admin/members", "{}");
        answers.put("DELETE /api/admin/members/c3", "{}");
        answers.put("POST /api/admin/leader", "{}");
        answers.put("PUT /api/users/admin", "{\"user\":\"admin\",\"role\":\"admin\"}");

        assertThat(
                        controllers
                                .addMember(controller, "c4", "d:8900", List.of("c1", "c2"), ACCESS)
                                .ok())
                .isTrue();
        assertThat(controllers.removeMember(controller, "c3", List.of("c1", "c3"), ACCESS).ok())
                .isTrue();
        assertThat(controllers.transferLeadership(controller, "c2", ACCESS).ok()).isTrue();
        assertThat(controllers.setAdminPassword(controller, "s3cret", ACCESS).ok()).isTrue();

        assertThat(requests.get(0)).startsWith("POST /api/admin/members ");
        JsonNode add = JSON.readTree(requests.get(0).substring(requests.get(0).indexOf('{')));
        assertThat(add.get("alias").asText()).isEqualTo("c4");
        assertThat(add.get("site").asText()).isEqualTo("d:8900");
        assertThat(add.get("expectedMembers").toString()).isEqualTo("[\"c1\",\"c2\"]");
        assertThat(requests.get(1))
                .isEqualTo("DELETE /api/admin/members/c3?expectedMembers=c1%2Cc3 ");
        assertThat(requests.get(2)).isEqualTo("POST /api/admin/leader {\"alias\":\"c2\"}");
        assertThat(requests.get(3))
                .isEqualTo("PUT /api/users/admin {\"password\":\"s3cret\",\"role\":\"admin\"}");
    }

    @Test
    void datanodesTheirDrainAndTheirForgetting() {
        answers.put(
                "GET /api/nodes",
                "{\"answeredBy\":\"c1\",\"leader\":\"c1\",\"leaderSite\":\"a:8900\",\"term\":3,"
                        + "\"controllers\":[{\"alias\":\"c1\",\"site\":\"a:8900\",\"mode\":\"controller\",\"leader\":true}],"
                        + "\"nodes\":[{\"alias\":\"dn1\",\"site\":\"b:8911\",\"mode\":\"datanode\",\"machine\":\"b\","
                        + "\"zone\":\"\",\"state\":\"UP\",\"draining\":true,\"registeredAtMillis\":1,"
                        + "\"stateChangedAtMillis\":2,\"lastHeartbeatMillis\":null},"
                        + "{\"alias\":\"agent1\",\"site\":\"b:8901\",\"mode\":\"agent\",\"state\":\"DOWN\"}]}");
        answers.put(
                "GET /api/admin/datanodes/dn1/drain",
                "{\"alias\":\"dn1\",\"draining\":true,\"replicas\":3,\"state\":\"UP\"}");
        answers.put("POST /api/admin/datanodes/dn1/drain", "{}");
        answers.put("DELETE /api/admin/datanodes/dn1/drain", "{}");
        answers.put("DELETE /api/admin/datanodes/dn1", "{}");

        assertThat(datanodes.datanodes(controller, ACCESS))
                .isEqualTo(Optional.of(Map.of("dn1", new DatanodeRow("dn1", "UP", true))));
        assertThat(datanodes.replicasHeld(controller, "dn1", ACCESS)).isEqualTo(OptionalInt.of(3));
        assertThat(datanodes.replicasHeld(controller, "dn2", ACCESS)).isEmpty();
        assertThat(datanodes.drain(controller, "dn1", ACCESS).ok()).isTrue();
        assertThat(datanodes.undrain(controller, "dn1", ACCESS).ok()).isTrue();
        assertThat(datanodes.forget(controller, "dn1", ACCESS).ok()).isTrue();
        assertThat(requests)
                .contains(
                        "POST /api/admin/datanodes/dn1/drain ",
                        "DELETE /api/admin/datanodes/dn1/drain ",
                        "DELETE /api/admin/datanodes/dn1 ");
    }
}
