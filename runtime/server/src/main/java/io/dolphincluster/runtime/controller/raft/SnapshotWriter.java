package io.dolphincluster.runtime.controller.raft;

import io.dolphincluster.runtime.metadata.MetadataJson;
import io.dolphincluster.runtime.metadata.MetadataSnapshot;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes metadata snapshot files ({@code snapshot.TERM_INDEX}, JSON, with an {@code .md5} beside
 * it) on a thread of its own, one at a time. Ratis asks for a snapshot on the thread that applies
 * the log, so writing there stopped every write to the cluster for as long as encoding and fsyncing
 * the file took (up to 700 ms with 20,000 config keys, on every member at once).
 */
final class SnapshotWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SnapshotWriter.class);
    private static final long NONE = -1;

    private final String alias;
    private final SimpleStateMachineStorage storage;
    private final ExecutorService thread;
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicLong written = new AtomicLong(NONE);

    SnapshotWriter(String alias, SimpleStateMachineStorage storage) {
        this.alias = alias;
        this.storage = storage;
        this.thread =
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread t = new Thread(r, alias + "-snapshot-writer");
                            t.setDaemon(true);
                            return t;
                        });
    }

    /**
     * Starts writing {@code content}, the metadata as of {@code last}, unless a write is already
     * under way.
     */
    void start(MetadataSnapshot content, TermIndex last) {
        if (!writing.compareAndSet(false, true)) return;
        thread.execute(
                () -> {
                    try {
                        write(content, last);
                        written.set(last.getIndex());
                    } catch (IOException | RuntimeException e) {
                        log.error(
                                "[{}] metadata snapshot at {} not written (tried again after the next entry): {}",
                                alias,
                                last,
                                e.toString());
                    } finally {
                        writing.set(false);
                    }
                });
    }

    boolean idle() {
        return !writing.get();
    }

    /** The index of a snapshot written since the last call, or -1. */
    long takeWritten() {
        return written.getAndSet(NONE);
    }

    private void write(MetadataSnapshot content, TermIndex last) throws IOException {
        long started = System.nanoTime();
        File target = storage.getSnapshotFile(last.getTerm(), last.getIndex());
        byte[] encoded = MetadataJson.encode(content);
        Path temporary = target.toPath().resolveSibling(target.getName() + ".tmp");
        try (FileChannel channel =
                FileChannel.open(
                        temporary,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(encoded);
            while (bytes.hasRemaining()) channel.write(bytes);
            channel.force(true);
        }
        Files.move(
                temporary,
                target.toPath(),
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        storage.updateLatestSnapshot(
                new SingleFileSnapshotInfo(
                        new FileInfo(target.toPath(), MD5FileUtil.computeAndSaveMd5ForFile(target)),
                        last));
        log.info(
                "[{}] took metadata snapshot at {}: {} bytes in {} ms",
                alias,
                last,
                encoded.length,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Waits for a write under way to finish (up to 30 s), then stops. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("[{}] a metadata snapshot was still being written at shutdown", alias);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
