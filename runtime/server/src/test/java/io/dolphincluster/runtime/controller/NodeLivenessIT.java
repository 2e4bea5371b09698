package io.dolphincluster.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dolphincluster.runtime.link.ControllerLink;
import io.dolphincluster.runtime.testkit.AdminClient;
import io.dolphincluster.runtime.testkit.ControllerCluster;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nodes heartbeat to the leader only; heartbeats stay out of the Raft log, and only up/down changes
 * are committed. A new leader waits the heartbeat timeout plus the takeover grace before it marks a
 * node it has not heard down.
 */
class NodeLivenessIT {
    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void heartbeatsGoToTheLeaderAndOnlyStateChangesAreCommitted() throws Exception {
        ControllerCluster cluster = clusters.create(3, Map.of("dfsChunkNodeHeartBeatTimeout", "5"));
        cluster.startAll();
        String leaderAlias = cluster.awaitLeader(Duration.ofSeconds(60));
        ControllerProcess leader = cluster.get(leaderAlias);
        ControllerProcess follower =
                cluster.all().stream().filter(c -> c != leader).findFirst().orElseThrow();
        Map<String, String> node =
                Map.of(
                        "alias",
                        "datanode1",
                        "site",
                        "127.0.0.1:18911",
                        "mode",
                        "datanode",
                        "machine",
                        "machineA",
                        "zone",
                        "zone-1");
        assertThat(follower.admin().write("POST", "/api/nodes", node).status()).isEqualTo(200);

        AdminClient.Response toFollower =
                follower.admin().send("POST", "/api/heartbeat", Map.of("alias", "datanode1"));
        assertThat(toFollower.status()).isEqualTo(307);
        assertThat(toFollower.location()).isEqualTo("http://" + leader.site() + "/api/heartbeat");
        assertThat(toFollower.body().get("leader").asText()).isEqualTo(leaderAlias);
        // Users too come from the leader only: a follower just restarted may not have replayed them
        // yet.
        assertThat(follower.admin().send("GET", "/api/internal/users", null).status())
                .isEqualTo(307);

        // A first leader commits the admin user just after it takes over; once it is there, nothing
        // else writes to the log unless a heartbeat does.
        leader.awaitAdminUser(Duration.ofSeconds(30));
        long commitBefore = leader.admin().raft().get("commitIndex").asLong();
        for (int i = 0; i < 20; i++) {
            assertThat(
                            leader.admin()
                                    .send("POST", "/api/heartbeat", Map.of("alias", "datanode1"))
                                    .status())
                    .isEqualTo(200);
        }
        assertThat(leader.admin().raft().get("commitIndex").asLong())
                .as("heartbeats are not logged")
                .isEqualTo(commitBefore);
        // The leader acknowledged the registration once applied; a follower applies it a moment
        // later.
        await("the follower applied the registration")
                .atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .until(() -> "UP".equals(stateOf(follower, "datanode1")));
        assertThat(nodeOf(follower, "datanode1").get("machine").asText()).isEqualTo("machineA");

        await("silent node marked down on every controller")
                .atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                cluster.all().stream()
                                        .allMatch(c -> "DOWN".equals(stateOf(c, "datanode1"))));
        assertThat(leader.log())
                .contains("[" + leaderAlias + "] node datanode1 is DOWN: no heartbeat for");

        assertThat(
                        leader.admin()
                                .send("POST", "/api/heartbeat", Map.of("alias", "datanode1"))
                                .status())
                .isEqualTo(200);
        await("node back up")
                .atMost(Duration.ofSeconds(10))
                .until(() -> "UP".equals(stateOf(follower, "datanode1")));

        AdminClient.Response unknown =
                leader.admin().send("POST", "/api/heartbeat", Map.of("alias", "nobody"));
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void aNewLeaderGivesNodesItHasNotHeardTheTakeoverGraceBeforeMarkingThemDown() throws Exception {
        ControllerCluster cluster = clusters.create(3, Map.of("dfsChunkNodeHeartBeatTimeout", "2"));
        cluster.startAll();
        String oldLeader = cluster.awaitLeader(Duration.ofSeconds(60));
        Map<String, String> node =
                Map.of(
                        "alias",
                        "datanode1",
                        "site",
                        "127.0.0.1:18912",
                        "mode",
                        "datanode",
                        "machine",
                        "machineA",
                        "zone",
                        "zone-1");
        assertThat(cluster.get(oldLeader).admin().write("POST", "/api/nodes", node).status())
                .isEqualTo(200);

        cluster.get(oldLeader).kill();
        String newLeader = cluster.awaitLeader(Duration.ofSeconds(30));
        await("the silent node marked down by the new leader")
                .atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                cluster.get(newLeader)
                                        .log()
                                        .contains("node datanode1 is DOWN: no heartbeat for"));

        Matcher silence =
                Pattern.compile("node datanode1 is DOWN: no heartbeat for (\\d+) ms")
                        .matcher(cluster.get(newLeader).log());
        assertThat(silence.find()).isTrue();
        long allowedMillis = Duration.ofSeconds(2).plus(ControllerLink.REQUEST_TIMEOUT).toMillis();
        assertThat(Long.parseLong(silence.group(1)))
                .as("silence counted from the takeover")
                .isGreaterThan(allowedMillis);
    }

    private static JsonNode nodeOf(ControllerProcess controller, String alias) {
        for (JsonNode node : controller.admin().get("/api/nodes").body().get("nodes")) {
            if (node.get("alias").asText().equals(alias)) return node;
        }
        throw new AssertionError(alias + " is not registered on " + controller.alias());
    }

    private static String stateOf(ControllerProcess controller, String alias) {
        return nodeOf(controller, alias).get("state").asText();
    }
}
