package io.dolphincluster.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dolphincluster.runtime.testkit.AdminClient;
import io.dolphincluster.runtime.testkit.ControllerCluster;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import io.dolphincluster.runtime.testkit.Directories;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A controller whose snapshot was corrupted on disk refuses to start rather than serve wrong
 * metadata; with its data directory emptied it is removed from the group and added back as a new
 * member, then caught up by the leader with a snapshot.
 */
class CorruptDiskIT {
    private static final Duration BOUND = Duration.ofSeconds(60);

    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void corruptSnapshotIsDetectedAndAnEmptiedControllerRejoins() throws Exception {
        ControllerCluster cluster = clusters.create(3, Map.of("raftSnapshotThreshold", "50"));
        cluster.startAll();
        String leader = cluster.awaitLeader(BOUND);
        AdminClient writer = cluster.get(leader).admin();
        ControllerProcess victim =
                cluster.all().stream()
                        .filter(c -> !c.alias().equals(leader))
                        .findFirst()
                        .orElseThrow();
        // A leader just elected answers 503 until it has committed an entry of its term.
        await("the leader accepts writes")
                .atMost(BOUND)
                .until(() -> writer.putConfig("k0", "v0").status() == 200);
        for (int i = 1; i < 200; i++)
            assertThat(writer.putConfig("k" + i, "v" + i).status()).isEqualTo(200);
        await("the follower took a snapshot")
                .atMost(BOUND)
                .until(() -> victim.admin().raft().get("snapshotIndex").asLong() > 0);

        victim.stop();
        flipBytesIn(newestSnapshot(victim));
        victim.start();

        assertThat(victim.awaitExit(BOUND)).isEqualTo(1);
        assertThat(victim.output())
                .contains("dolphin: controller failed to start: IOException: snapshot ")
                .contains("is corrupt: its MD5");
        assertThat(writer.putConfig("while-it-is-down", "yes").status()).isEqualTo(200);

        // An emptied disk must not vote under its old identity: it waits to be removed, then to be
        // added again.
        Directories.deleteRecursively(victim.dir().resolve("data"));
        victim.start();
        await("the emptied controller asks to be removed")
                .atMost(BOUND)
                .until(() -> victim.log().contains("cannot rejoin under its old identity"));
        assertThat(victim.admin().raft().get("phase").asText()).isEqualTo("STARTING");
        AdminClient.Response removed = writer.removeMember(victim.alias());
        assertThat(removed.status()).as(removed.body().toString()).isEqualTo(200);
        await("the emptied controller waits to be added")
                .atMost(BOUND)
                .ignoreExceptions()
                .until(() -> victim.log().contains("waiting for the leader to add it"));
        List<String> remaining =
                cluster.all().stream()
                        .map(ControllerProcess::alias)
                        .filter(a -> !a.equals(victim.alias()))
                        .toList();
        AdminClient.Response added = writer.addMember(victim.alias(), victim.site(), remaining);
        assertThat(added.status()).as(added.body().toString()).isEqualTo(200);

        await("the re-added controller is caught up")
                .atMost(BOUND)
                .ignoreExceptions()
                .until(() -> victim.admin().config().equals(writer.config()));
        assertThat(victim.admin().raft().get("role").asText()).isEqualTo("FOLLOWER");
        assertThat(victim.admin().raft().get("snapshotsInstalled").asLong())
                .isGreaterThanOrEqualTo(1);
        assertThat(victim.admin().config())
                .containsEntry("k199", "v199")
                .containsEntry("while-it-is-down", "yes");
    }

    private static Path newestSnapshot(ControllerProcess controller) throws IOException {
        try (Stream<Path> files = Files.walk(controller.dir().resolve("data/raft"))) {
            return files.filter(f -> f.getFileName().toString().matches("snapshot\\.\\d+_\\d+"))
                    .max(
                            Comparator.comparingLong(
                                    f ->
                                            Long.parseLong(
                                                    f.getFileName()
                                                            .toString()
                                                            .replaceAll(".*_", ""))))
                    .orElseThrow();
        }
    }

    private static void flipBytesIn(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long middle = raf.length() / 2;
            for (long i = middle; i < middle + 8 && i < raf.length(); i++) {
                raf.seek(i);
                int b = raf.read();
                raf.seek(i);
                raf.write(b ^ 0xFF);
            }
        }
    }
}
