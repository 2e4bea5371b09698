package io.dolphincluster.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dolphincluster.runtime.testkit.AdminClient;
import io.dolphincluster.runtime.testkit.AgentProcess;
import io.dolphincluster.runtime.testkit.ControllerCluster;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import io.dolphincluster.runtime.testkit.StandInDatanode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seed's agent as a real process beside three real controllers, with a stand-in datanode
 * program: only the leader starts and stops datanodes, through the agent of the datanode's host;
 * the agent follows a leader failover; SIGTERM to the agent stops its datanodes, SIGKILL leaves
 * them orphaned and the next agent adopts them.
 */
class AgentIT {
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void onlyTheLeaderStartsAndStopsDatanodesThroughTheAgentOfTheirHost() throws Exception {
        ControllerCluster cluster = clusters.create(3, Map.of("dfsChunkNodeHeartBeatTimeout", "3"));
        AgentProcess agent =
                cluster.addAgent(
                        "agent1",
                        List.of("datanode1", "datanode2"),
                        Map.of("datanodeCommand", StandInDatanode.command()));
        cluster.startAll();
        ControllerProcess leader = cluster.get(cluster.awaitLeader(LEADER_TIMEOUT));
        ControllerProcess follower =
                cluster.all().stream().filter(c -> c != leader).findFirst().orElseThrow();
        agent.start();

        await("agent1 registered and up")
                .atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                "UP"
                                        .equals(
                                                nodeOf(follower, "agent1")
                                                        .map(n -> n.get("state").asText())
                                                        .orElse(null)));
        JsonNode registered = nodeOf(follower, "agent1").orElseThrow();
        assertThat(registered.get("mode").asText()).isEqualTo("agent");
        assertThat(registered.get("site").asText()).isEqualTo(agent.site());
        assertThat(registered.get("machine").asText()).isEqualTo("127.0.0.1");
        assertThat(agent.admin().get("/api/health").body().get("alias").asText())
                .isEqualTo("agent1");
        assertThat(agentState(agent, "datanode1")).isEqualTo("stopped");
        assertThat(agentState(agent, "datanode2")).isEqualTo("stopped");

        AdminClient.Response viaFollower =
                follower.admin().send("POST", "/api/datanodes/datanode1/start", null);
        assertThat(viaFollower.status()).isEqualTo(307);
        assertThat(viaFollower.location())
                .isEqualTo("http://" + leader.site() + "/api/datanodes/datanode1/start");
        assertThat(agentState(agent, "datanode1"))
                .as("a follower starts nothing")
                .isEqualTo("stopped");

        AdminClient.Response started =
                leader.admin().send("POST", "/api/datanodes/datanode1/start", null);
        assertThat(started.status()).as(started.body().toString()).isEqualTo(200);
        assertThat(started.body().get("agent").asText()).isEqualTo("agent1");
        assertThat(started.body().get("state").asText()).isEqualTo("running");
        long pid = started.body().get("pid").asLong();
        ProcessHandle datanode = ProcessHandle.of(pid).orElseThrow();
        assertThat(datanode.isAlive()).isTrue();
        assertThat(datanode.parent().map(ProcessHandle::pid)).contains(agent.pid());

        Path dir = agent.datanodeDir("datanode1");
        assertThat(Files.readAllLines(dir.resolve("datanode.cfg")))
                .contains(
                        "localSite=" + siteOf(leader, "datanode1") + ":datanode1",
                        "machine=127.0.0.1");
        assertThat(Files.readAllLines(dir.resolve("cluster.nodes")))
                .contains(
                        "localSite,mode",
                        agent.site() + ":agent1,agent",
                        leader.site() + ":" + leader.alias() + ",controller");
        await("the datanode got the seed's flags")
                .atMost(Duration.ofSeconds(20))
                .until(
                        () ->
                                output(dir)
                                        .contains(
                                                "-mode datanode -home "
                                                        + dir.toAbsolutePath()
                                                        + " -config "
                                                        + dir.toAbsolutePath()
                                                                .resolve("datanode.cfg")));

        JsonNode listed = datanodeOf(follower, "datanode1");
        assertThat(listed.get("agent").asText()).isEqualTo("agent1");
        assertThat(listed.get("registered").asBoolean()).isFalse();

        AdminClient.Response again =
                leader.admin().send("POST", "/api/datanodes/datanode1/start", null);
        assertThat(again.body().get("pid").asLong())
                .as("a second start changes nothing")
                .isEqualTo(pid);
        assertThat(leader.admin().send("POST", "/api/datanodes/nobody/start", null).status())
                .isEqualTo(404);
        assertThat(leader.admin().send("POST", "/api/datanodes/agent1/start", null).status())
                .isEqualTo(404);

        AdminClient.Response stopped =
                leader.admin().send("POST", "/api/datanodes/datanode1/stop", null);
        assertThat(stopped.status()).as(stopped.body().toString()).isEqualTo(200);
        assertThat(stopped.body().get("state").asText()).isEqualTo("stopped");
        assertThat(datanode.isAlive()).as("the agent answers once the process is gone").isFalse();
        assertThat(output(dir)).contains("stand-in datanode stopping");
        assertThat(agentState(agent, "datanode1")).isEqualTo("stopped");

        long pid1 =
                leader.admin()
                        .send("POST", "/api/datanodes/datanode1/start", null)
                        .body()
                        .get("pid")
                        .asLong();
        long pid2 =
                leader.admin()
                        .send("POST", "/api/datanodes/datanode2/start", null)
                        .body()
                        .get("pid")
                        .asLong();
        agent.stop();
        assertThat(ProcessHandle.of(pid1).filter(ProcessHandle::isAlive))
                .as("SIGTERM to the agent stops its datanodes")
                .isEmpty();
        assertThat(ProcessHandle.of(pid2).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(agent.log()).contains("[agent1] stopping 2 datanode process(es) before exiting");

        await("no live agent for datanode1 once agent1 is down")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            AdminClient.Response refused =
                                    leader.admin()
                                            .send("POST", "/api/datanodes/datanode1/start", null);
                            assertThat(refused.status()).isEqualTo(503);
                            assertThat(refused.body().get("error").asText())
                                    .contains("no live agent on host 127.0.0.1");
                        });
    }

    @Test
    void theAgentFollowsALeaderFailoverAndARestartedAgentAdoptsOrphanedDatanodes()
            throws Exception {
        ControllerCluster cluster = clusters.create(3, Map.of("dfsChunkNodeHeartBeatTimeout", "3"));
        AgentProcess agent =
                cluster.addAgent(
                        "agent1",
                        List.of("datanode1"),
                        Map.of("datanodeCommand", StandInDatanode.command()));
        cluster.startAll();
        ControllerProcess oldLeader = cluster.get(cluster.awaitLeader(LEADER_TIMEOUT));
        agent.start();
        await("agent1 heartbeats to " + oldLeader.alias())
                .atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                oldLeader
                                        .alias()
                                        .equals(
                                                agent.admin()
                                                        .get("/api/health")
                                                        .body()
                                                        .path("leader")
                                                        .asText()));

        oldLeader.kill();
        List<ControllerProcess> survivors = cluster.running();
        ControllerProcess newLeader = cluster.get(cluster.awaitLeader(LEADER_TIMEOUT, survivors));
        await("agent1 heartbeats to the new leader")
                .atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                newLeader
                                        .alias()
                                        .equals(
                                                agent.admin()
                                                        .get("/api/health")
                                                        .body()
                                                        .path("leader")
                                                        .asText()));
        await("agent1 stays up on the new leader for longer than the heartbeat timeout")
                .during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(15))
                .until(
                        () ->
                                "UP"
                                        .equals(
                                                nodeOf(newLeader, "agent1")
                                                        .map(n -> n.get("state").asText())
                                                        .orElse(null)));

        AdminClient.Response started =
                newLeader.admin().send("POST", "/api/datanodes/datanode1/start", null);
        assertThat(started.status()).as(started.body().toString()).isEqualTo(200);
        long pid = started.body().get("pid").asLong();

        agent.kill();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                .as("SIGKILL runs no shutdown hook: the datanode is orphaned")
                .isPresent();

        agent.start();
        await("the restarted agent adopts the orphan")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            JsonNode datanode = agentDatanode(agent, "datanode1");
                            assertThat(datanode.get("state").asText()).isEqualTo("running");
                            assertThat(datanode.get("pid").asLong()).isEqualTo(pid);
                        });
        await("the new leader stops the adopted datanode")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                assertThat(
                                                newLeader
                                                        .admin()
                                                        .send(
                                                                "POST",
                                                                "/api/datanodes/datanode1/stop",
                                                                null)
                                                        .status())
                                        .isEqualTo(200));
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(agent.log()).contains("[agent1] adopted datanode datanode1 (pid " + pid + ")");
    }

    private static String agentState(AgentProcess agent, String datanode) {
        return agentDatanode(agent, datanode).get("state").asText();
    }

    private static JsonNode agentDatanode(AgentProcess agent, String datanode) {
        AdminClient.Response response = agent.admin().get("/api/datanodes");
        assertThat(response.status())
                .as(agent.alias() + " answers GET /api/datanodes")
                .isEqualTo(200);
        for (JsonNode node : response.body().get("datanodes")) {
            if (node.get("alias").asText().equals(datanode)) return node;
        }
        throw new AssertionError(datanode + " is not listed by " + agent.alias());
    }

    private static Optional<JsonNode> nodeOf(ControllerProcess controller, String alias) {
        JsonNode nodes = controller.admin().get("/api/nodes").body().path("nodes");
        for (JsonNode node : nodes) {
            if (node.get("alias").asText().equals(alias)) return Optional.of(node);
        }
        return Optional.empty();
    }

    private static JsonNode datanodeOf(ControllerProcess controller, String alias) {
        for (JsonNode node : controller.admin().get("/api/datanodes").body().get("datanodes")) {
            if (node.get("alias").asText().equals(alias)) return node;
        }
        throw new AssertionError(alias + " is not listed by " + controller.alias());
    }

    private static String siteOf(ControllerProcess controller, String alias) {
        for (JsonNode node : controller.admin().get("/api/cluster-nodes").body().get("nodes")) {
            if (node.get("alias").asText().equals(alias)) return node.get("site").asText();
        }
        throw new AssertionError(alias + " is not in cluster.nodes of " + controller.alias());
    }

    private static String output(Path datanodeDir) throws java.io.IOException {
        Path out = datanodeDir.resolve("log/stdout.log");
        return Files.exists(out) ? Files.readString(out) : "";
    }
}
