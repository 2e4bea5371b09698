package io.dolphincluster.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dolphincluster.runtime.metrics.PrometheusTextParser;
import io.dolphincluster.runtime.testkit.AdminClient;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import io.dolphincluster.runtime.testkit.Credentials;
import io.dolphincluster.runtime.testkit.DataCluster;
import io.dolphincluster.runtime.testkit.DatanodeProcess;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slowloris against the leader's HTTP port (issue 12): hundreds of connections from four addresses
 * that trickle request heads, send nothing, choose DolphinDB's protocol and never log in, or
 * trickle a body, and one more address that tries to hold more connections than an address may,
 * held for 30 s while the datanodes heartbeat with a 4 s timeout (all members connect from
 * 127.0.0.1). No leader change, no datanode marked down, the API answers throughout, the slow
 * connections are closed by the header and login deadlines, and the greedy address's beyond 256 at
 * once.
 */
class SlowlorisIT {
    private static final Duration ATTACK = Duration.ofSeconds(30);
    private static final int HEADER_TIMEOUT_SECONDS = 5;
    private static final List<String> SLOW_SOURCES =
            List.of("127.0.0.11", "127.0.0.12", "127.0.0.13", "127.0.0.14");
    private static final String GREEDY_SOURCE = "127.0.0.20";
    private static final int GREEDY = 300; // beyond the 256 one address may hold

    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void theLeaderKeepsItsHeartbeatsAndAnswersWhileHundredsOfSlowClientsHoldItsPort()
            throws Exception {
        DataCluster cluster =
                clusters.createData(
                        3,
                        Map.of(
                                "dfsChunkNodeHeartBeatTimeout",
                                "4",
                                "httpHeaderTimeout",
                                Integer.toString(HEADER_TIMEOUT_SECONDS)),
                        1,
                        1,
                        1);
        cluster.controllers().startAll();
        ControllerProcess leader =
                cluster.controllers()
                        .get(cluster.controllers().awaitLeader(Duration.ofSeconds(60)));
        for (DatanodeProcess datanode : cluster.datanodes()) datanode.start();
        for (DatanodeProcess datanode : cluster.datanodes())
            DataCluster.awaitReady(datanode, Duration.ofSeconds(60));
        AdminClient admin = leader.admin(Credentials.ADMIN);
        JsonNode before = admin.get("/api/leader").body();

        List<Long> latencies = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        long end;
        SlowClients attack;
        long greedyClosed;
        InetSocketAddress port = new InetSocketAddress(leader.machine().host(), leader.port());
        try (SlowClients slow = new SlowClients(port, SLOW_SOURCES, 300, 200, 100, 100, 500);
                SlowClients greedy =
                        new SlowClients(port, List.of(GREEDY_SOURCE), 0, GREEDY, 0, 0, 500)) {
            attack = slow;
            end = System.nanoTime() + ATTACK.toNanos();
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                AdminClient.Response nodes = admin.get("/api/nodes");
                latencies.add((System.nanoTime() - start) / 1_000_000);
                if (nodes.status() != 200) problems.add("GET /api/nodes: " + nodes.status());
                else
                    nodes.body()
                            .get("nodes")
                            .forEach(
                                    n -> {
                                        if (!n.get("state").asText().equals("UP"))
                                            problems.add(
                                                    n.get("alias").asText()
                                                            + " "
                                                            + n.get("state").asText());
                                    });
                Thread.sleep(250); // the sampling pace
            }
            greedyClosed = greedy.closedByServer();
        }
        Collections.sort(latencies);
        long p50 = latencies.get(latencies.size() / 2);
        long max = latencies.get(latencies.size() - 1);
        System.out.printf(
                "slowloris: %d connections opened (%d refused), %d closed by the server (%d with a 408); "
                        + "GET /api/nodes ×%d: median %d ms, max %d ms; the greedy address's connections closed %d times%n",
                attack.opened(),
                attack.refusedToOpen(),
                attack.closedByServer(),
                attack.answered408(),
                latencies.size(),
                p50,
                max,
                greedyClosed);

        assertThat(problems).as("every call answered, every datanode up").isEmpty();
        assertThat(max).as("the slowest API call during the attack, ms").isLessThan(2_000);
        assertThat(attack.answered408())
                .as("trickled heads cut by the header deadline")
                .isGreaterThanOrEqualTo(300);
        assertThat(attack.closedByServer())
                .as("silent and never-logged-in connections closed too")
                .isGreaterThanOrEqualTo(600);
        JsonNode after = admin.get("/api/leader").body();
        assertThat(after.get("alias").asText()).isEqualTo(before.get("alias").asText());
        assertThat(after.get("term").asLong())
                .as("no election")
                .isEqualTo(before.get("term").asLong());
        assertThat(Files.readString(leader.logFile())).doesNotContain("no heartbeat for");
        String text =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create("http://" + leader.site() + "/metrics"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
        PrometheusTextParser.Parsed counted = PrometheusTextParser.parse(text);
        assertThat(counted.value("dolphin_http_refused_total", "reason", "header_timeout"))
                .as("counted in /metrics")
                .isGreaterThanOrEqualTo(attack.answered408());
        assertThat(counted.value("dolphin_http_refused_total", "reason", "address_limit"))
                .as("the greedy address's connections beyond 256, closed at once")
                .isGreaterThanOrEqualTo(GREEDY - 256);
        assertThat(counted.value("dolphin_http_refused_total", "reason", "connection_limit"))
                .as("the port was never full")
                .isZero();
    }
}
