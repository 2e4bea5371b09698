package io.dolphincluster.runtime.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.runtime.testkit.AgentProcess;
import io.dolphincluster.runtime.testkit.ControllerCluster;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code bin/dolphin} started on bad files refuses to start, says why, and exits with code 2. */
class BadConfigIT {
    private static final Duration EXIT_BOUND = Duration.ofSeconds(30);

    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void controllerNotListedInClusterNodesRefusesToStart() throws Exception {
        ControllerCluster cluster = clusters.create(2, Map.of());
        ControllerProcess stranger = cluster.get("controller2");
        cluster.writeFiles(stranger, List.of(cluster.get("controller1")), true);

        stranger.start();

        assertThat(stranger.awaitExit(EXIT_BOUND)).isEqualTo(2);
        assertThat(stranger.output())
                .contains(
                        "config/cluster.nodes: localSite: expected a controller row for this controller's localSite "
                                + stranger.site()
                                + ":controller2");
        assertThat(stranger.log()).contains("configuration error");
    }

    @Test
    void malformedLinesAreReportedWithFileLineKeyAndExpectation() throws Exception {
        ControllerCluster cluster = clusters.create(1, Map.of());
        ControllerProcess controller = cluster.get("controller1");
        Path cfg = controller.dir().resolve("config/controller.cfg");
        Files.writeString(
                cfg,
                Files.readString(cfg).replace("dfsReplicationFactor=2", "dfsReplicationFactor=two")
                        + "this line has no equals sign\n");

        controller.start();

        assertThat(controller.awaitExit(EXIT_BOUND)).isEqualTo(2);
        assertThat(controller.output())
                .contains(
                        "config/controller.cfg:5: expected a line of the form key=value, got 'this line has no equals sign'")
                .contains(
                        "config/controller.cfg:2: dfsReplicationFactor: expected an integer from 1 to 16, got 'two'");
    }

    @Test
    void badValueIsReportedAndUnknownKeyOnlyWarned() throws Exception {
        ControllerCluster cluster = clusters.create(1, Map.of("raftElectionTimeoutMin", "soon"));
        ControllerProcess controller = cluster.get("controller1");

        controller.start();

        assertThat(controller.awaitExit(EXIT_BOUND)).isEqualTo(2);
        assertThat(controller.output())
                .contains(
                        "config/controller.cfg:5: raftElectionTimeoutMin: expected an integer from 50 to 60000, got 'soon'");

        ControllerCluster tolerantCluster = clusters.create(1, Map.of("someFutureKey", "1"));
        ControllerProcess tolerant = tolerantCluster.get("controller1");
        tolerant.start();
        tolerantCluster.awaitLeader(Duration.ofSeconds(60));
        assertThat(tolerant.log())
                .contains("config/controller.cfg:5: unknown key 'someFutureKey' ignored");
    }

    @Test
    void agentWithABadLocalSiteRefusesToStart() throws Exception {
        ControllerCluster cluster = clusters.create(1, Map.of());
        AgentProcess agent = cluster.addAgent("agent1", List.of(), Map.of());
        Path cfg = agent.dir().resolve("config/agent.cfg");
        Files.writeString(
                cfg,
                Files.readString(cfg)
                        .replace(
                                "localSite=" + agent.site() + ":agent1",
                                "localSite=127.0.0.1:agent1"));

        agent.start();

        assertThat(agent.awaitExit(EXIT_BOUND)).isEqualTo(2);
        assertThat(agent.output())
                .contains(
                        "config/agent.cfg:1: localSite: expected host:port:alias, got '127.0.0.1:agent1'");
    }
}
