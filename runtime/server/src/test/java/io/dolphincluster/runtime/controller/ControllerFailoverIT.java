package io.dolphincluster.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dolphincluster.runtime.testkit.AdminClient;
import io.dolphincluster.runtime.testkit.ControllerCluster;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three controller processes from seed-style files: election, kill -9 of the leader, rejoin and
 * catch-up.
 */
class ControllerFailoverIT {
    /** The failover bound asserted here; the measured figures are in docs/benchmarks.md. */
    private static final Duration FAILOVER_BOUND = Duration.ofSeconds(10);

    private static final Duration START_BOUND = Duration.ofSeconds(60);

    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void threeControllersElectOneLeaderThatEveryControllerNames() throws Exception {
        ControllerCluster cluster = clusters.create(3, Map.of());
        cluster.startAll();

        String leader = cluster.awaitLeader(START_BOUND);

        for (ControllerProcess controller : cluster.all()) {
            AdminClient.Response answer = controller.admin().get("/api/leader");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().get("alias").asText()).isEqualTo(leader);
            assertThat(answer.body().get("site").asText()).isEqualTo(cluster.get(leader).site());
            assertThat(controller.admin().get("/api/ready").status()).isEqualTo(200);
            assertThat(controller.admin().raft().get("members")).hasSize(3);
        }
        long leaders =
                cluster.all().stream()
                        .filter(c -> "LEADER".equals(c.admin().raft().get("role").asText()))
                        .count();
        assertThat(leaders).isEqualTo(1);
        assertThat(cluster.get(leader).log()).contains("[" + leader + "] elected leader for term");
    }

    @Test
    void followerRedirectsWritesToTheLeader() throws Exception {
        ControllerCluster cluster = clusters.create(3, Map.of());
        cluster.startAll();
        String leader = cluster.awaitLeader(START_BOUND);
        ControllerProcess follower =
                cluster.all().stream()
                        .filter(c -> !c.alias().equals(leader))
                        .findFirst()
                        .orElseThrow();

        AdminClient.Response redirect =
                follower.admin().send("PUT", "/api/config/color", Map.of("value", "blue"));

        assertThat(redirect.status()).isEqualTo(307);
        assertThat(redirect.location())
                .isEqualTo("http://" + cluster.get(leader).site() + "/api/config/color");
        assertThat(redirect.body().get("leader").asText()).isEqualTo(leader);
        assertThat(follower.admin().putConfig("color", "blue").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "blue".equals(follower.admin().config().get("color")));
    }

    @Test
    void killingTheLeaderElectsAnotherThatHasEveryCommittedWrite() throws Exception {
        ControllerCluster cluster = clusters.create(3, Map.of());
        cluster.startAll();
        String oldLeader = cluster.awaitLeader(START_BOUND);
        AdminClient any = cluster.get(oldLeader).admin();
        for (int i = 0; i < 50; i++) {
            assertThat(any.putConfig("key" + i, "value" + i).status()).isEqualTo(200);
        }

        long killedAt = System.nanoTime();
        cluster.get(oldLeader).kill();
        ControllerProcess survivor = cluster.running().get(0);
        await("a write commits after the leader died")
                .atMost(FAILOVER_BOUND)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> survivor.admin().putConfig("after-failover", "yes").ok());
        Duration failover = Duration.ofNanos(System.nanoTime() - killedAt);

        String newLeader = cluster.awaitLeader(FAILOVER_BOUND);
        assertThat(newLeader).isNotEqualTo(oldLeader);
        assertThat(failover).isLessThan(FAILOVER_BOUND);
        for (ControllerProcess controller : cluster.running()) {
            Map<String, String> config = controller.admin().config();
            for (int i = 0; i < 50; i++) assertThat(config).containsEntry("key" + i, "value" + i);
        }

        cluster.get(oldLeader).start();
        String leaderAfterRestart = cluster.awaitLeader(START_BOUND, cluster.all());
        assertThat(leaderAfterRestart).isEqualTo(newLeader);
        AdminClient restarted = cluster.get(oldLeader).admin();
        await("the restarted controller catches up")
                .atMost(Duration.ofSeconds(30))
                .until(() -> "yes".equals(restarted.config().get("after-failover")));
        assertThat(restarted.raft().get("role").asText()).isEqualTo("FOLLOWER");
        assertThat(restarted.config()).isEqualTo(cluster.get(newLeader).admin().config());
    }

    @Test
    void stoppingTheLeaderHandsLeadershipOverWithoutAnElectionTimeout() throws Exception {
        ControllerCluster cluster = clusters.create(3, Map.of());
        cluster.startAll();
        String oldLeader = cluster.awaitLeader(START_BOUND);

        cluster.get(oldLeader).stop();

        assertThat(cluster.get(oldLeader).log())
                .contains("[" + oldLeader + "] handed leadership to");
        ControllerProcess survivor = cluster.running().get(0);
        assertThat(survivor.admin().putConfig("after-stop", "yes").status()).isEqualTo(200);
        String newLeader = cluster.awaitLeader(FAILOVER_BOUND);
        assertThat(cluster.get(newLeader).log()).contains("elected leader for term");
    }

    private static List<Path> snapshotFiles(ControllerProcess controller) throws IOException {
        try (Stream<Path> files = Files.walk(controller.dir().resolve("data/raft"))) {
            return files.filter(f -> f.getFileName().toString().matches("snapshot\\.\\d+_\\d+"))
                    .toList();
        }
    }

    @Test
    void controllerThatMissedTooMuchIsCaughtUpWithASnapshot() throws Exception {
        ControllerCluster cluster = clusters.create(3, Map.of("raftSnapshotThreshold", "100"));
        cluster.startAll();
        String leader = cluster.awaitLeader(START_BOUND);
        ControllerProcess lagging =
                cluster.all().stream()
                        .filter(c -> !c.alias().equals(leader))
                        .findFirst()
                        .orElseThrow();
        lagging.kill();

        AdminClient writer = cluster.get(leader).admin();
        String bigValue =
                "x".repeat(1024); // 1 KiB values fill 256 KiB log segments that can then be purged
        for (int i = 0; i < 800; i++) {
            assertThat(writer.putConfig("k" + i, bigValue + i).status()).isEqualTo(200);
        }
        await("the leader purged the entries the lagging controller missed")
                .atMost(Duration.ofSeconds(30))
                .until(() -> writer.raft().get("snapshotIndex").asLong() > 500);

        assertThat(snapshotFiles(cluster.get(leader))).as("snapshots kept").hasSizeBetween(1, 2);

        lagging.start();
        await("the lagging controller catches up")
                .atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> lagging.admin().config().size() == writer.config().size());
        assertThat(lagging.admin().raft().get("snapshotsInstalled").asLong())
                .isGreaterThanOrEqualTo(1);
        assertThat(lagging.log()).contains("installed snapshot from the leader");
        assertThat(lagging.admin().config()).isEqualTo(writer.config());
    }
}
