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
 * Leadership transfer and controller removal through the leader's admin API, with their refusals.
 */
class MembershipAdminIT {
    private static final Duration BOUND = Duration.ofSeconds(60);

    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void leadershipMovesOnRequestAndOnlyFollowersCanBeRemovedSafely() throws Exception {
        ControllerCluster cluster = clusters.create(3, Map.of());
        cluster.startAll();
        String first = cluster.awaitLeader(BOUND);
        List<ControllerProcess> followers =
                cluster.all().stream().filter(c -> !c.alias().equals(first)).toList();
        String target = followers.get(0).alias();

        AdminClient.Response transfer = cluster.get(first).admin().transferLeadership(target);
        assertThat(transfer.status()).as(transfer.body().toString()).isEqualTo(200);
        assertThat(cluster.awaitLeader(BOUND)).isEqualTo(target);

        AdminClient leader = cluster.get(target).admin();
        AdminClient.Response removeLeader = leader.removeMember(target);
        assertThat(removeLeader.status()).isEqualTo(409);
        assertThat(removeLeader.body().get("error").asText()).contains("transfer leadership");

        AdminClient.Response stale =
                leader.write(
                        "DELETE",
                        "/api/admin/members/" + first + "?expectedMembers=" + first + "," + target,
                        null);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body().get("error").asText()).contains("not the expected");

        // With one follower dead, removing the other live follower would leave no responsive
        // majority.
        ControllerProcess dead = followers.get(1);
        dead.kill();
        await("the leader notices " + dead.alias() + " is gone")
                .atMost(BOUND)
                .until(
                        () ->
                                leader.raft()
                                                .path("followerLastResponseMillis")
                                                .path(dead.alias())
                                                .asLong()
                                        > 4_000);
        AdminClient.Response unsafe = leader.removeMember(first);
        assertThat(unsafe.status()).as(unsafe.body().toString()).isEqualTo(409);
        assertThat(unsafe.body().get("error").asText()).contains("less than a majority");

        // Removing the dead one is safe: two of three answer, and both remaining members answer.
        AdminClient.Response removed = leader.removeMember(dead.alias());
        assertThat(removed.status()).as(removed.body().toString()).isEqualTo(200);
        assertThat(leader.raft().get("members")).hasSize(2);
        assertThat(leader.putConfig("after-removal", "yes").status()).isEqualTo(200);
        assertThat(leader.removeMember(dead.alias()).body().get("changed").asBoolean()).isFalse();
    }
}
