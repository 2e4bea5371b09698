package io.dolphincluster.runtime.controller.raft;

import io.dolphincluster.runtime.metadata.MetadataJson;
import io.dolphincluster.runtime.metadata.MetadataSnapshot;
import io.dolphincluster.runtime.storage.Fsync;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes metadata snapshot files ({@code snapshot.TERM_INDEX}, JSON, with an {@code .md5} beside
 * it) in two steps. Ratis asks for a snapshot on the thread that applies the log, and writing there
 * stopped every write to the cluster for as long as encoding and fsyncing the file took (up to 700
 * ms with 20,000 config keys, on every member at once). So a thread of its own encodes and fsyncs a
 * temporary file, and the applying thread, on a later call, only renames it into place and saves
 * its MD5: Ratis lists and deletes old snapshot files on that thread after each call, so it never
 * sees one without its MD5.
 *
 * <p>A write, or a rename into place, that fails (a full or broken disk) is tried again after a
 * back-off that doubles from 1 s to a minute: Ratis asks again after every applied entry, and each
 * try copies the whole metadata and logs an error.
 */
final class SnapshotWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SnapshotWriter.class);
    private static final String TEMPORARY_SUFFIX = ".tmp";
    private static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(1);

    /** A snapshot written to its temporary file, not yet in place. */
    private record Prepared(TermIndex last, Path temporary, MD5Hash md5, int bytes, long started) {}

    private final String alias;
    private final SimpleStateMachineStorage storage;
    private final ExecutorService thread;
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicReference<Prepared> prepared = new AtomicReference<>();
    private final LongSupplier nanoClock;

    /**
     * Failed tries since the last snapshot put in place. The writer's thread changes it, and the
     * applying thread when putting a snapshot in place fails; never both at once, as a write starts
     * and ends only while no written snapshot waits.
     */
    private volatile int failures;

    private volatile long retryAtNanos;

    SnapshotWriter(String alias, SimpleStateMachineStorage storage) {
        this(alias, storage, System::nanoTime);
    }

    SnapshotWriter(String alias, SimpleStateMachineStorage storage, LongSupplier nanoClock) {
        this.alias = alias;
        this.storage = storage;
        this.nanoClock = nanoClock;
        this.thread =
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread t = new Thread(r, alias + "-snapshot-writer");
                            t.setDaemon(true);
                            return t;
                        });
    }

    /**
     * Whether a write may start: none is under way, no written snapshot waits to be put in place,
     * and no back-off after a failed write is running.
     */
    boolean readyToStart() {
        return !writing.get()
                && prepared.get() == null
                && (failures == 0 || nanoClock.getAsLong() - retryAtNanos >= 0);
    }

    /** How long this writer waits after its last failed write; zero once a write succeeds. */
    Duration retryDelay() {
        int n = failures;
        if (n == 0) return Duration.ZERO;
        Duration delay = FIRST_RETRY_DELAY.multipliedBy(1L << Math.min(n - 1, 20));
        return delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
    }

    /**
     * Starts writing {@code content}, the metadata as of {@code last}, to a temporary file, unless
     * this writer is not idle.
     */
    void start(MetadataSnapshot content, TermIndex last) {
        if (prepared.get() != null || !writing.compareAndSet(false, true)) return;
        thread.execute(
                () -> {
                    try {
                        prepared.set(prepare(content, last));
                    } catch (IOException | RuntimeException e) {
                        failed(last, "not written", e);
                    } finally {
                        writing.set(false);
                    }
                });
    }

    /** Counts a failed try and starts the back-off before the next. */
    private void failed(TermIndex last, String what, Exception e) {
        failures++;
        Duration delay = retryDelay();
        retryAtNanos = nanoClock.getAsLong() + delay.toNanos();
        log.error(
                "[{}] metadata snapshot at {} {} (failed tries in a row: {}; next try in {} s): {}",
                alias,
                last,
                what,
                failures,
                delay.toSeconds(),
                e.toString());
    }

    private Prepared prepare(MetadataSnapshot content, TermIndex last) throws IOException {
        long started = System.nanoTime();
        File target = storage.getSnapshotFile(last.getTerm(), last.getIndex());
        byte[] encoded = MetadataJson.encode(content);
        Path temporary = target.toPath().resolveSibling(target.getName() + TEMPORARY_SUFFIX);
        try (FileChannel channel =
                FileChannel.open(
                        temporary,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(encoded);
            while (bytes.hasRemaining()) channel.write(bytes);
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        return new Prepared(last, temporary, md5(encoded), encoded.length, started);
    }

    private static MD5Hash md5(byte[] bytes) {
        try {
            return MD5Hash.newInstance(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5", e);
        }
    }

    /**
     * Deletes temporary files that a crash left in {@code stateMachineDir} (a snapshot being
     * written when the process died); call before the first snapshot is started.
     */
    void removeUnfinished(Path stateMachineDir) throws IOException {
        try (DirectoryStream<Path> leftovers =
                Files.newDirectoryStream(stateMachineDir, "snapshot.*" + TEMPORARY_SUFFIX)) {
            for (Path leftover : leftovers) {
                Files.delete(leftover);
                log.info("[{}] deleted unfinished snapshot file {}", alias, leftover.getFileName());
            }
        }
    }

    /**
     * Puts a written snapshot in place; call on the thread that applies the log. Returns its index,
     * or -1 if there is none, or if a newer snapshot was installed from the leader meanwhile (Ratis
     * refuses an older index; the file is deleted).
     */
    long publish() throws IOException {
        Prepared p = prepared.getAndSet(null);
        if (p == null) return RaftLog.INVALID_LOG_INDEX;
        SingleFileSnapshotInfo latest = storage.getLatestSnapshot();
        if (latest != null && latest.getIndex() >= p.last().getIndex()) {
            Files.deleteIfExists(p.temporary());
            return RaftLog.INVALID_LOG_INDEX;
        }
        File target = storage.getSnapshotFile(p.last().getTerm(), p.last().getIndex());
        try {
            Files.move(
                    p.temporary(),
                    target.toPath(),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            MD5FileUtil.saveMD5File(target, p.md5());
            // Once it knows the snapshot, Ratis may purge the log up to it: the renames come first.
            Fsync.directory(target.toPath().getParent());
        } catch (IOException e) {
            // Ratis was not told of it, so none of its files may stay: a restart would load them.
            deleteQuietly(p.temporary());
            deleteQuietly(MD5FileUtil.getDigestFileForFile(target).toPath());
            deleteQuietly(target.toPath());
            failed(p.last(), "not put in place", e);
            return RaftLog.INVALID_LOG_INDEX;
        }
        storage.updateLatestSnapshot(
                new SingleFileSnapshotInfo(new FileInfo(target.toPath(), p.md5()), p.last()));
        log.info(
                "[{}] took metadata snapshot at {}: {} bytes in {} ms{}",
                alias,
                p.last(),
                p.bytes(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - p.started()),
                failures == 0 ? "" : ", after " + failures + " failed tries");
        failures = 0;
        return p.last().getIndex();
    }

    private void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("[{}] could not delete {}: {}", alias, file, e.toString());
        }
    }

    /**
     * Waits for a write under way to finish (up to 30 s) and puts it in place; call on the thread
     * that applies the log, as it stops.
     */
    @Override
    public void close() throws IOException {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("[{}] a metadata snapshot was still being written at shutdown", alias);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publish();
    }
}
