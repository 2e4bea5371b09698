package io.dolphincluster.runtime.controller.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dolphincluster.runtime.metadata.MetadataJson;
import io.dolphincluster.runtime.metadata.MetadataSnapshot;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.MD5FileUtil;
import org.apache.ratis.util.SizeInBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotWriterTest {
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final MetadataSnapshot CONTENT =
            new MetadataSnapshot(
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    Map.of("workerNum", "8"),
                    List.of());

    @TempDir Path dir;
    private RaftStorage raftStorage;
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private SnapshotWriter writer;
    private final AtomicLong now = new AtomicLong();

    @BeforeEach
    void setUp() throws IOException {
        raftStorage =
                RaftStorage.newBuilder()
                        .setDirectory(dir.toFile())
                        .setOption(RaftStorage.StartupOption.FORMAT)
                        .setStorageFreeSpaceMin(SizeInBytes.ONE_KB)
                        .build();
        raftStorage.initialize();
        storage.init(raftStorage);
        writer = new SnapshotWriter("c1", storage);
    }

    @AfterEach
    void tearDown() throws IOException {
        writer.close();
        raftStorage.close();
    }

    @Test
    void aWrittenSnapshotIsPutInPlaceWithItsMd5OnlyWhenPublished() throws IOException {
        writer.start(CONTENT, TermIndex.valueOf(1, 10));
        assertThat(writer.readyToStart()).isFalse();

        assertThat(awaitPublished()).isEqualTo(10);
        File file = storage.getSnapshotFile(1, 10);
        MD5FileUtil.verifySavedMD5(file, MD5FileUtil.computeMd5ForFile(file));
        assertThat(MetadataJson.decode(Files.readAllBytes(file.toPath()), MetadataSnapshot.class))
                .isEqualTo(CONTENT);
        assertThat(storage.getLatestSnapshot().getIndex()).isEqualTo(10);
        assertThat(temporaryFiles()).isEmpty();
        assertThat(writer.readyToStart()).isTrue();
        assertThat(writer.publish()).isEqualTo(-1);
    }

    @Test
    void aSnapshotOlderThanOneInstalledMeanwhileIsDroppedNotPublished() throws IOException {
        storage.updateLatestSnapshot(
                new SingleFileSnapshotInfo(
                        new FileInfo(dir.resolve("installed"), null), TermIndex.valueOf(2, 20)));
        writer.start(CONTENT, TermIndex.valueOf(1, 10));

        writer.close(); // waits for the write, then publishes: nothing, as the snapshot is older

        assertThat(storage.getSnapshotFile(1, 10)).doesNotExist();
        assertThat(temporaryFiles()).isEmpty();
        assertThat(storage.getLatestSnapshot().getIndex()).isEqualTo(20);
    }

    @Test
    void aTemporaryFileLeftByACrashIsDeletedAtStartAndPublishedSnapshotsStay() throws IOException {
        writer.start(CONTENT, TermIndex.valueOf(1, 10));
        writer.close();
        Path stateMachineDir = storage.getSnapshotFile(1, 10).toPath().getParent();
        Path leftover = stateMachineDir.resolve("snapshot.1_20.tmp");
        Files.writeString(leftover, "{\"half\":");

        writer = new SnapshotWriter("c1", storage);
        writer.removeUnfinished(stateMachineDir);

        assertThat(leftover).doesNotExist();
        assertThat(storage.getSnapshotFile(1, 10)).exists();
        assertThat(MD5FileUtil.getDigestFileForFile(storage.getSnapshotFile(1, 10))).exists();
    }

    @Test
    void aFailedWriteIsTriedAgainOnlyAfterABackOffThatDoublesAndResetsOnSuccess()
            throws IOException {
        Path stateMachineDir = breakStateMachineDir();

        writer.start(CONTENT, TermIndex.valueOf(1, 10));
        awaitBackOff(SECOND);
        writer.start(CONTENT, TermIndex.valueOf(1, 11));
        awaitBackOff(SECOND.multipliedBy(2));

        Files.delete(stateMachineDir);
        Files.createDirectory(stateMachineDir);
        writer.start(CONTENT, TermIndex.valueOf(1, 12));
        assertThat(awaitPublished()).isEqualTo(12);
        assertThat(writer.retryDelay()).isZero();
        assertThat(writer.readyToStart()).isTrue();
    }

    @Test
    void theBackOffStopsGrowingAtAMinute() throws IOException {
        breakStateMachineDir();
        long[] seconds = {1, 2, 4, 8, 16, 32, 60, 60};
        for (int i = 0; i < seconds.length; i++) {
            writer.start(CONTENT, TermIndex.valueOf(1, 10 + i));
            awaitBackOff(Duration.ofSeconds(seconds[i]));
        }
    }

    @Test
    void aSnapshotThatCannotBePutInPlaceLeavesNoFileAndIsTriedAgainAfterTheBackOff()
            throws IOException {
        writer.close();
        writer = new SnapshotWriter("c1", storage, now::get);
        File snapshot = storage.getSnapshotFile(1, 10);
        Path md5 = MD5FileUtil.getDigestFileForFile(snapshot).toPath();
        Path obstacle = md5.resolve("obstacle");
        Files.createDirectories(obstacle); // a directory where the MD5 goes: its rename fails

        writer.start(CONTENT, TermIndex.valueOf(1, 10));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> publish() < 0 && writer.retryDelay().equals(SECOND));

        assertThat(temporaryFiles()).isEmpty();
        assertThat(snapshot).doesNotExist();
        assertThat(storage.getLatestSnapshot()).isNull();
        assertThat(writer.readyToStart()).isFalse();
        now.addAndGet(SECOND.toNanos());
        assertThat(writer.readyToStart()).isTrue();

        Files.delete(obstacle);
        Files.delete(md5);
        writer.start(CONTENT, TermIndex.valueOf(1, 11));
        assertThat(awaitPublished()).isEqualTo(11);
        assertThat(writer.retryDelay()).isZero();
    }

    /** Puts a file where the state machine directory was, so that every write fails. */
    private Path breakStateMachineDir() throws IOException {
        writer.close();
        writer = new SnapshotWriter("c1", storage, now::get);
        Path stateMachineDir = storage.getSnapshotFile(1, 10).toPath().getParent();
        Files.delete(stateMachineDir);
        Files.writeString(stateMachineDir, "a file where the directory was");
        return stateMachineDir;
    }

    /**
     * Waits for the write under way to fail, then checks that the writer is ready again exactly
     * {@code delay} after the failure and not a nanosecond sooner; leaves the clock there.
     */
    private void awaitBackOff(Duration delay) {
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.retryDelay().equals(delay));
        now.addAndGet(delay.toNanos());
        await().atMost(Duration.ofSeconds(10)).until(writer::readyToStart);
        now.addAndGet(-1);
        assertThat(writer.readyToStart()).isFalse();
        now.addAndGet(1);
    }

    /**
     * Calls {@link SnapshotWriter#publish()}, as the applying thread does after each entry, until a
     * snapshot is put in place; returns its index.
     */
    private long awaitPublished() {
        AtomicLong published = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> published.updateAndGet(i -> publish()) >= 0);
        return published.get();
    }

    private long publish() {
        try {
            return writer.publish();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
