package io.dolphincluster.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.runtime.testkit.AdminClient;
import io.dolphincluster.runtime.testkit.ControllerCluster;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Five controllers tolerate two failures; with three down no metadata write commits. */
class QuorumIT {
    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void fiveControllersServeWithTwoKilledAndCommitNothingWithThreeKilled() throws Exception {
        ControllerCluster cluster = clusters.create(5, Map.of());
        cluster.startAll();
        String leader = cluster.awaitLeader(Duration.ofSeconds(90));
        List<ControllerProcess> followers =
                cluster.all().stream().filter(c -> !c.alias().equals(leader)).toList();
        AdminClient admin = cluster.get(leader).admin();
        assertThat(admin.putConfig("start", "1").status()).isEqualTo(200);

        followers.get(0).kill();
        followers.get(1).kill();
        assertThat(admin.putConfig("two-down", "1").status()).isEqualTo(200);
        for (ControllerProcess alive : cluster.running()) {
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> alive.admin().config().containsKey("two-down"));
        }

        followers.get(2).kill();
        List<ControllerProcess> survivors = cluster.running();
        assertThat(survivors).hasSize(2);
        long commitBefore = maxCommitIndex(survivors);

        AdminClient.Response refused = admin.putConfig("three-down", "1");

        assertThat(refused.status()).as(refused.body().toString()).isNotEqualTo(200);
        for (ControllerProcess alive : survivors) {
            assertThat(alive.admin().config()).doesNotContainKey("three-down");
        }
        assertThat(maxCommitIndex(survivors)).isEqualTo(commitBefore);
    }

    private static long maxCommitIndex(List<ControllerProcess> controllers) {
        return controllers.stream()
                .mapToLong(c -> c.admin().raft().get("commitIndex").asLong())
                .max()
                .orElseThrow();
    }
}
