package io.dolphincluster.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dolphincluster.runtime.testkit.ControllerCluster;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A new cluster forms whatever the order and timing in which its controllers first start, and a
 * controller never forms a group while one listed in cluster.nodes is silent.
 */
class ClusterFormationIT {
    private static final Duration BOUND = Duration.ofSeconds(60);

    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @RepeatedTest(3)
    void controllersStartedOneAfterAnotherFormOneGroup() throws Exception {
        ControllerCluster cluster = clusters.create(3, Map.of());
        for (ControllerProcess controller : cluster.all()) {
            controller.start();
            await(controller.alias() + " serves its API")
                    .atMost(BOUND)
                    .ignoreExceptions()
                    .until(() -> controller.admin().get("/api/health").ok());
        }

        String leader = cluster.awaitLeader(BOUND, cluster.all());

        for (ControllerProcess controller : cluster.all()) {
            assertThat(controller.admin().raft().get("members")).hasSize(3);
        }
        assertThat(cluster.get(leader).admin().putConfig("formed", "yes").status()).isEqualTo(200);
    }

    @Test
    void aControllerWaitsWhileAListedControllerIsSilent() throws Exception {
        ControllerCluster cluster = clusters.create(3, Map.of());
        ControllerProcess first = cluster.get("controller1");
        ControllerProcess second = cluster.get("controller2");
        first.start();
        second.start();

        String waiting = "waiting for controllers to answer before deciding how to start: {";
        await("both report who they wait for, and why")
                .atMost(BOUND)
                .until(
                        () ->
                                first.log().contains(waiting + "controller3=ConnectException")
                                        && second.log()
                                                .contains(
                                                        waiting + "controller3=ConnectException"));
        assertThat(first.admin().raft().get("phase").asText()).isEqualTo("STARTING");
        assertThat(first.admin().get("/api/ready").status()).isEqualTo(503);

        cluster.get("controller3").start();
        cluster.awaitLeader(BOUND, cluster.all());
    }
}
