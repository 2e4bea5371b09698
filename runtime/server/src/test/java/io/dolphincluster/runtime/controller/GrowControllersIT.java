package io.dolphincluster.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dolphincluster.runtime.testkit.AdminClient;
import io.dolphincluster.runtime.testkit.ControllerCluster;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seed's "enable metadata HA on an existing cluster": a one-controller cluster with metadata is
 * grown to three controllers, one peer at a time through the admin API, and then survives losing
 * its leader.
 */
class GrowControllersIT {
    private static final Duration START_BOUND = Duration.ofSeconds(60);

    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void oneControllerGrowsToThreeWithoutLosingMetadataAndThenToleratesAFailure() throws Exception {
        ControllerCluster cluster = clusters.create(3, Map.of());
        ControllerProcess c1 = cluster.get("controller1");
        ControllerProcess c2 = cluster.get("controller2");
        ControllerProcess c3 = cluster.get("controller3");

        // An existing single-controller cluster, without dfsHAMode=Raft, holding metadata.
        cluster.writeFiles(c1, List.of(c1), false);
        c1.start();
        assertThat(cluster.awaitLeader(START_BOUND, List.of(c1))).isEqualTo("controller1");
        AdminClient admin = c1.admin();
        for (int i = 0; i < 20; i++)
            assertThat(admin.putConfig("before" + i, "v" + i).status()).isEqualTo(200);
        assertThat(
                        admin.write(
                                        "POST",
                                        "/api/databases",
                                        Map.of("name", "trades", "partitionScheme", "VALUE(date)"))
                                .status())
                .isEqualTo(200);

        // The seed's steps: dfsHAMode=Raft and all three controllers in cluster.nodes, restart,
        // start the new ones.
        cluster.writeFiles(c1, cluster.all(), true);
        c1.stop();
        c1.start();
        assertThat(cluster.awaitLeader(START_BOUND, List.of(c1))).isEqualTo("controller1");
        c2.start();
        c3.start();
        for (ControllerProcess newcomer : List.of(c2, c3)) {
            await(newcomer.alias() + " waits to be added")
                    .atMost(START_BOUND)
                    .ignoreExceptions()
                    .until(() -> "RUNNING".equals(newcomer.admin().raft().get("phase").asText()));
            assertThat(newcomer.admin().raft().get("members")).isEmpty();
            assertThat(newcomer.log()).contains("waiting for the leader to add it");
        }
        assertThat(c1.admin().raft().get("members")).hasSize(1);

        // 1 -> 2, compare-and-set on the members seen; a retry of the same request is refused, not
        // applied twice.
        AdminClient.Response added =
                admin.addMember("controller2", c2.site(), List.of("controller1"));
        assertThat(added.status()).as(added.body().toString()).isEqualTo(200);
        assertThat(added.body().get("changed").asBoolean()).isTrue();
        assertThat(admin.addMember("controller2", c2.site(), List.of("controller1")).status())
                .isEqualTo(409);
        assertThat(
                        admin.addMember("controller2", c2.site(), List.of())
                                .body()
                                .get("changed")
                                .asBoolean())
                .isFalse();

        // 2 -> 3.
        AdminClient.Response third =
                admin.addMember("controller3", c3.site(), List.of("controller1", "controller2"));
        assertThat(third.status()).as(third.body().toString()).isEqualTo(200);

        String leader = cluster.awaitLeader(START_BOUND, cluster.all());
        for (ControllerProcess controller : cluster.all()) {
            await(controller.alias() + " has every entry")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> controller.admin().config().size() == 20);
            assertThat(controller.admin().raft().get("members")).hasSize(3);
            assertThat(
                            controller
                                    .admin()
                                    .get("/api/metadata")
                                    .body()
                                    .get("databases")
                                    .get(0)
                                    .get("name")
                                    .asText())
                    .isEqualTo("trades");
        }

        // Metadata HA: the leader dies, the other two elect a leader and keep committing.
        cluster.get(leader).kill();
        String newLeader = cluster.awaitLeader(Duration.ofSeconds(20));
        assertThat(newLeader).isNotEqualTo(leader);
        AdminClient survivor = cluster.get(newLeader).admin();
        assertThat(survivor.putConfig("after", "failure").status()).isEqualTo(200);
        assertThat(survivor.config())
                .containsEntry("before19", "v19")
                .containsEntry("after", "failure");
    }
}
