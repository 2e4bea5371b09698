package io.dolphincluster.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dolphincluster.runtime.testkit.ControllerCluster;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import io.dolphincluster.runtime.testkit.SimulatedNetwork;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three controllers, each on a machine of a {@link SimulatedNetwork}: the leader's machine cut off
 * from the network, then healed. Also checks the test kit's partitions themselves: what the test
 * JVM still reaches and what it does not.
 */
class ControllerPartitionIT {
    private static final Duration BOUND = Duration.ofSeconds(60);

    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void aLeaderCutOffFromEveryoneIsReplacedAndFollowsTheNewLeaderOnceHealed() throws Exception {
        SimulatedNetwork network = clusters.network(3);
        ControllerCluster cluster = clusters.create(network.machines(), Map.of());
        cluster.startAll();
        ControllerProcess oldLeader = cluster.get(cluster.awaitLeader(BOUND));

        network.isolate(network.machines().indexOf(oldLeader.machine()));
        List<ControllerProcess> majority = others(cluster, oldLeader);
        String newLeader = cluster.awaitLeader(BOUND, majority);
        assertThat(newLeader).isNotEqualTo(oldLeader.alias());
        assertThat(majority.get(0).admin().putConfig("written", "while cut off").status())
                .isEqualTo(200);
        assertThat(oldLeader.admin().get("/api/raft").status())
                .as("the test JVM does not reach it either")
                .isZero();

        network.heal();
        assertThat(cluster.awaitLeader(BOUND, cluster.all())).isEqualTo(newLeader);
        await().atMost(BOUND)
                .ignoreExceptions()
                .until(() -> "while cut off".equals(oldLeader.admin().config().get("written")));
    }

    @Test
    void aPartitionSplitsTheControllersButTheTestJvmReachesBothSides() throws Exception {
        SimulatedNetwork network = clusters.network(3);
        ControllerCluster cluster = clusters.create(network.machines(), Map.of());
        cluster.startAll();
        ControllerProcess oldLeader = cluster.get(cluster.awaitLeader(BOUND));
        int minority = network.machines().indexOf(oldLeader.machine());

        network.partition(Set.of(minority), network.others(Set.of(minority)));
        List<ControllerProcess> majority = others(cluster, oldLeader);
        String newLeader = cluster.awaitLeader(BOUND, majority);
        assertThat(newLeader).isNotEqualTo(oldLeader.alias());
        assertThat(majority.get(0).admin().putConfig("written", "during the split").status())
                .isEqualTo(200);
        assertThat(oldLeader.admin().get("/api/raft").status())
                .as("the minority still answers the test JVM")
                .isEqualTo(200);
        assertThat(oldLeader.admin().config()).doesNotContainKey("written");

        network.heal();
        assertThat(cluster.awaitLeader(BOUND, cluster.all())).isEqualTo(newLeader);
        await().atMost(BOUND)
                .ignoreExceptions()
                .until(() -> "during the split".equals(oldLeader.admin().config().get("written")));
    }

    private static List<ControllerProcess> others(
            ControllerCluster cluster, ControllerProcess one) {
        return cluster.all().stream().filter(c -> c != one).toList();
    }
}
