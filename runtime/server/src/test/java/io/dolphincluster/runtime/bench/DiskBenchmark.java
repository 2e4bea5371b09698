package io.dolphincluster.runtime.bench;

import io.dolphincluster.runtime.storage.ChunkLog;
import io.dolphincluster.runtime.storage.ChunkRecord;
import io.dolphincluster.runtime.testkit.Directories;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How fast the disk takes fsync'd sequential writes, and how close {@link ChunkLog#append} comes to
 * it.
 *
 * <pre>
 * runtime/scripts/bench.sh DiskBenchmark [dir] [blockBytes] [totalMiB]
 * </pre>
 *
 * Defaults: {@code java.io.tmpdir}, 1 MiB blocks, 256 MiB per run. Prints (a) raw FileChannel write
 * + fsync per block, (b) ChunkLog.append of records with a payload of one block, and their ratio;
 * then the same for 4 KiB blocks, where the fsync latency dominates, plus 4 KiB appends queued with
 * {@code appendAsync} by 8 writers, to show what group commit buys. Three rounds, as the figures
 * vary with whatever else the machine does.
 */
public final class DiskBenchmark {

    /** Bytes written, fsyncs done, and the time they took. */
    public record Bandwidth(long bytes, long syncs, long nanos) {
        public double mibPerSecond() {
            return bytes / (1024.0 * 1024.0) / (nanos / 1e9);
        }

        public double syncsPerSecond() {
            return syncs / (nanos / 1e9);
        }
    }

    private static final int SMALL_BLOCK = 4096;
    private static final long SMALL_TOTAL = 8L * 1024 * 1024;
    private static final int GROUP_WRITERS = 8;
    private static final int ROUNDS = 3;

    private DiskBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path base = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
        int block = args.length > 1 ? Integer.parseInt(args[1]) : 1024 * 1024;
        long total = (args.length > 2 ? Long.parseLong(args[2]) : 256) * 1024 * 1024;
        System.out.printf(
                Locale.ROOT,
                "disk benchmark in %s, %d CPUs%n",
                base.toAbsolutePath(),
                Runtime.getRuntime().availableProcessors());

        measureRawFsyncBandwidth(base, block, total / 8); // warm-up: JIT, file system allocation
        measureChunkLogAppendBandwidth(base, block, total / 8);
        for (int round = 1; round <= ROUNDS; round++) {
            System.out.printf(Locale.ROOT, "round %d of %d%n", round, ROUNDS);
            report(
                    block,
                    measureRawFsyncBandwidth(base, block, total),
                    measureChunkLogAppendBandwidth(base, block, total));
            Bandwidth smallRaw = measureRawFsyncBandwidth(base, SMALL_BLOCK, SMALL_TOTAL);
            Bandwidth smallLog = measureChunkLogAppendBandwidth(base, SMALL_BLOCK, SMALL_TOTAL);
            report(SMALL_BLOCK, smallRaw, smallLog);
            Bandwidth grouped = measureGroupCommitBandwidth(base, SMALL_BLOCK, SMALL_TOTAL * 4);
            System.out.printf(
                    Locale.ROOT,
                    "%5d KiB ChunkLog.appendAsync, %d writers: %6.1f MiB/s, %7.0f appends/s (%.1fx single-writer append)%n",
                    SMALL_BLOCK / 1024,
                    GROUP_WRITERS,
                    grouped.mibPerSecond(),
                    grouped.syncsPerSecond(),
                    grouped.mibPerSecond() / smallLog.mibPerSecond());
        }
    }

    private static void report(int block, Bandwidth raw, Bandwidth log) {
        System.out.printf(
                Locale.ROOT,
                "%5d KiB raw write+fsync:          %8.1f MiB/s, %7.0f fsyncs/s%n",
                block / 1024,
                raw.mibPerSecond(),
                raw.syncsPerSecond());
        System.out.printf(
                Locale.ROOT,
                "%5d KiB ChunkLog.append:          %8.1f MiB/s, %7.0f fsyncs/s  (%.2f of raw)%n",
                block / 1024,
                log.mibPerSecond(),
                log.syncsPerSecond(),
                log.mibPerSecond() / raw.mibPerSecond());
    }

    /**
     * Writes {@code totalBytes} of random data to a new file in {@code dir} with a plain
     * FileChannel, {@code blockBytes} at a time, fsyncing (fdatasync) after each block; deletes the
     * file afterwards.
     */
    public static Bandwidth measureRawFsyncBandwidth(Path dir, int blockBytes, long totalBytes)
            throws IOException {
        Path file = Files.createTempFile(dir, "raw-fsync-", ".bin");
        ByteBuffer block = ByteBuffer.wrap(randomBytes(blockBytes));
        long blocks = Math.max(1, totalBytes / blockBytes);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long start = System.nanoTime();
            for (long i = 0; i < blocks; i++) {
                block.clear();
                while (block.hasRemaining()) {
                    channel.write(block);
                }
                channel.force(false);
            }
            return new Bandwidth(blocks * blockBytes, blocks, System.nanoTime() - start);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * As {@link #measureRawFsyncBandwidth}, through {@link ChunkLog#append} of one record per
     * block.
     */
    public static Bandwidth measureChunkLogAppendBandwidth(
            Path dir, int blockBytes, long totalBytes) throws IOException {
        Path chunkDir = Files.createTempDirectory(dir, "chunklog-bench-");
        byte[] payload = randomBytes(blockBytes);
        long blocks = Math.max(1, totalBytes / blockBytes);
        try (ChunkLog log = ChunkLog.open(chunkDir)) {
            long start = System.nanoTime();
            for (long seq = 1; seq <= blocks; seq++) {
                log.append(new ChunkRecord(seq, "bench-" + seq, payload));
            }
            return new Bandwidth(blocks * blockBytes, blocks, System.nanoTime() - start);
        } finally {
            Directories.deleteRecursively(chunkDir);
        }
    }

    /**
     * {@value #GROUP_WRITERS} writers queue appends with {@link ChunkLog#appendAsync} (seq assigned
     * under a shared lock, as a primary replica does) and wait for each outside it, so fsyncs are
     * shared. The returned syncs count is the number of appends.
     */
    public static Bandwidth measureGroupCommitBandwidth(Path dir, int blockBytes, long totalBytes)
            throws IOException {
        Path chunkDir = Files.createTempDirectory(dir, "chunklog-group-bench-");
        byte[] payload = randomBytes(blockBytes);
        long blocks = Math.max(GROUP_WRITERS, totalBytes / blockBytes);
        long perWriter = blocks / GROUP_WRITERS;
        Object sequencer = new Object();
        long[] nextSeq = {1};
        try (ChunkLog log = ChunkLog.open(chunkDir)) {
            List<Thread> writers = new ArrayList<>();
            long start = System.nanoTime();
            for (int w = 0; w < GROUP_WRITERS; w++) {
                Thread writer =
                        new DaemonThreadFactory("group-writer")
                                .newThread(
                                        () -> {
                                            for (long i = 0; i < perWriter; i++) {
                                                CompletableFuture<Void> done;
                                                synchronized (sequencer) {
                                                    long seq = nextSeq[0]++;
                                                    done =
                                                            log.appendAsync(
                                                                    new ChunkRecord(
                                                                            seq,
                                                                            "bench-" + seq,
                                                                            payload));
                                                }
                                                done.join();
                                            }
                                        });
                writers.add(writer);
                writer.start();
            }
            for (Thread writer : writers) {
                writer.join();
            }
            long appends = perWriter * GROUP_WRITERS;
            if (log.lastSeq() != appends) {
                throw new IllegalStateException(
                        "expected " + appends + " records, log has " + log.lastSeq());
            }
            return new Bandwidth(appends * blockBytes, appends, System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Directories.deleteRecursively(chunkDir);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
