package io.dolphincluster.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkLogTest {

    @TempDir Path tmp;

    private static ChunkRecord record(long seq, int payloadBytes) {
        byte[] payload = new byte[payloadBytes];
        for (int i = 0; i < payloadBytes; i++) {
            payload[i] = (byte) (seq * 31 + i);
        }
        return new ChunkRecord(seq, "w-" + seq, payload);
    }

    private ChunkLog logWith(Path dir, int records, int payloadBytes) throws IOException {
        ChunkLog log = ChunkLog.open(dir);
        for (int seq = 1; seq <= records; seq++) {
            log.append(record(seq, payloadBytes));
        }
        return log;
    }

    private static Path logFile(Path dir) {
        return dir.resolve(ChunkLog.LOG_FILE);
    }

    @Test
    void prefixDigestsTellWhetherTwoLogsHoldTheSameWritesInOrder() throws IOException {
        try (ChunkLog a = ChunkLog.open(tmp.resolve("a"));
                ChunkLog b = ChunkLog.open(tmp.resolve("b"))) {
            assertThat(a.digestAt(0)).isEqualTo(b.digestAt(0));
            a.append(new ChunkRecord(1, "w-1", new byte[] {1}));
            a.append(new ChunkRecord(2, "w-2", new byte[] {2}));
            b.append(new ChunkRecord(1, "w-1", new byte[] {1}));
            b.append(new ChunkRecord(2, "w-x", new byte[] {2}));
            assertThat(a.digestAt(1)).isEqualTo(b.digestAt(1));
            assertThat(a.digestAt(2)).isNotEqualTo(b.digestAt(2));
            assertThat(a.seqOf("w-2")).isEqualTo(2);
            assertThat(a.seqOf("w-x")).isZero();
            assertThatThrownBy(() -> a.digestAt(3)).isInstanceOf(IllegalArgumentException.class);
        }
        long digest;
        try (ChunkLog a = ChunkLog.open(tmp.resolve("a"))) {
            digest = a.digestAt(2);
        }
        try (ChunkLog c = ChunkLog.open(tmp.resolve("c"))) {
            c.replaceWith(
                    java.util.List.of(
                            new ChunkRecord(1, "w-1", new byte[] {1}),
                            new ChunkRecord(2, "w-2", new byte[] {2})));
            assertThat(c.digestAt(2))
                    .as("the same after a reopen and after a rebuild")
                    .isEqualTo(digest);
        }
    }

    @Test
    void recordsComeBackAsWritten() throws IOException {
        try (ChunkLog log = logWith(tmp.resolve("c1"), 3, 100)) {
            assertThat(log.readAfter(0))
                    .containsExactly(record(1, 100), record(2, 100), record(3, 100));
            assertThat(log.readAfter(2)).containsExactly(record(3, 100));
            assertThat(log.readAfter(3)).isEmpty();
            assertThat(log.readAfter(10)).isEmpty();
            assertThat(log.recordCount()).isEqualTo(3);
            assertThat(log.sizeBytes()).isEqualTo(Files.size(logFile(tmp.resolve("c1"))));
        }
    }

    @Test
    void readAfterPagesByPayloadBytes() throws IOException {
        try (ChunkLog log = logWith(tmp.resolve("c1"), 5, 100)) {
            assertThat(log.readAfter(0, 250))
                    .extracting(ChunkRecord::seq)
                    .containsExactly(1L, 2L, 3L);
            assertThat(log.readAfter(3, 1)).extracting(ChunkRecord::seq).containsExactly(4L);
            assertThat(log.readAfter(3, 10_000))
                    .extracting(ChunkRecord::seq)
                    .containsExactly(4L, 5L);
            assertThat(log.readAfter(5, 1)).isEmpty();
        }
    }

    @Test
    void readersSeeAGaplessPrefixWhileAppendsGoOn() throws Exception {
        int total = 300;
        try (ChunkLog log = ChunkLog.open(tmp.resolve("c1"))) {
            CompletableFuture<Void> writer =
                    CompletableFuture.runAsync(
                            () -> {
                                for (int seq = 1; seq <= total; seq++) {
                                    log.appendAsync(record(seq, 50));
                                }
                            });
            long seen = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (seen < total) {
                assertThat(System.nanoTime())
                        .as("all appends visible within 60 s")
                        .isLessThan(deadline);
                List<ChunkRecord> records = log.readAfter(0);
                for (int i = 0; i < records.size(); i++) {
                    assertThat(records.get(i)).isEqualTo(record(i + 1, 50));
                }
                assertThat((long) records.size()).isGreaterThanOrEqualTo(seen);
                seen = records.size();
            }
            writer.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void anEmptyLogHasLastSeqZeroAndAHeader() throws IOException {
        try (ChunkLog log = ChunkLog.open(tmp.resolve("new"))) {
            assertThat(log.lastSeq()).isZero();
            assertThat(log.readAfter(0)).isEmpty();
            assertThat(log.sizeBytes()).isEqualTo(RecordFormat.FILE_HEADER_BYTES);
        }
        try (ChunkLog again = ChunkLog.open(tmp.resolve("new"))) {
            assertThat(again.lastSeq()).isZero();
        }
    }

    @Test
    void emptyWriteIdAndPayloadRoundTrip() throws IOException {
        try (ChunkLog log = ChunkLog.open(tmp.resolve("c"))) {
            log.append(new ChunkRecord(1, "", new byte[0]));
            log.append(new ChunkRecord(2, "é".repeat(100), new byte[] {7}));
        }
        try (ChunkLog log = ChunkLog.open(tmp.resolve("c"))) {
            assertThat(log.readAfter(0))
                    .containsExactly(
                            new ChunkRecord(1, "", new byte[0]),
                            new ChunkRecord(2, "é".repeat(100), new byte[] {7}));
        }
    }

    @Test
    void lastSeqAndWriteIdsSurviveReopen() throws IOException {
        Path dir = tmp.resolve("c1");
        long size;
        try (ChunkLog log = logWith(dir, 5, 10)) {
            size = log.sizeBytes();
        }
        try (ChunkLog log = ChunkLog.open(dir)) {
            assertThat(log.lastSeq()).isEqualTo(5);
            assertThat(log.recordCount()).isEqualTo(5);
            assertThat(log.sizeBytes()).isEqualTo(size);
            assertThat(log.contains("w-1")).isTrue();
            assertThat(log.contains("w-5")).isTrue();
            assertThat(log.contains("w-6")).isFalse();
            log.append(record(6, 10));
            assertThat(log.contains("w-6")).isTrue();
        }
    }

    @Test
    void appendAllWritesARunOfRecordsWithOneFsync() throws IOException {
        try (ChunkLog log = logWith(tmp.resolve("c1"), 2, 10)) {
            long syncsBefore = log.appendSyncCount();
            List<ChunkRecord> run = new ArrayList<>();
            for (int seq = 3; seq <= 1002; seq++) {
                run.add(record(seq, 10));
            }
            log.appendAll(run);
            assertThat(log.lastSeq()).isEqualTo(1002);
            assertThat(log.appendSyncCount() - syncsBefore).isEqualTo(1);
            assertThat(log.readAfter(2)).isEqualTo(run);
        }
    }

    @Test
    void appendAllKeepsTheRecordsBeforeOneOutOfSequenceAndRefusesTheRest() throws IOException {
        try (ChunkLog log = logWith(tmp.resolve("c1"), 2, 10)) {
            assertThatThrownBy(
                            () ->
                                    log.appendAll(
                                            List.of(record(3, 10), record(5, 10), record(6, 10))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("expected seq 4, got 5");
            assertThat(log.lastSeq()).isEqualTo(3);
        }
    }

    @Test
    void anAppendOutOfSequenceIsRefusedAndWritesNothing() throws IOException {
        try (ChunkLog log = logWith(tmp.resolve("c1"), 2, 10)) {
            long size = log.sizeBytes();
            assertThatThrownBy(() -> log.append(record(4, 10)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("expected seq 3, got 4");
            assertThatThrownBy(() -> log.append(record(2, 10)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("expected seq 3, got 2");
            assertThat(log.lastSeq()).isEqualTo(2);
            assertThat(log.sizeBytes())
                    .isEqualTo(size)
                    .isEqualTo(Files.size(logFile(tmp.resolve("c1"))));
        }
    }

    @Test
    void aTornLastRecordIsCutAtEveryTruncationPoint() throws IOException {
        Path source = tmp.resolve("source");
        long goodEnd;
        long fullEnd;
        try (ChunkLog log = logWith(source, 2, 40)) {
            goodEnd = log.sizeBytes();
            log.append(record(3, 40));
            fullEnd = log.sizeBytes();
        }
        byte[] full = Files.readAllBytes(logFile(source));
        for (long cut = goodEnd + 1; cut < fullEnd; cut++) {
            Path dir = tmp.resolve("cut" + cut);
            Files.createDirectories(dir);
            Files.write(logFile(dir), Arrays.copyOf(full, (int) cut));
            try (ChunkLog log = ChunkLog.open(dir)) {
                assertThat(log.lastSeq()).as("cut at %d", cut).isEqualTo(2);
                assertThat(log.readAfter(0)).containsExactly(record(1, 40), record(2, 40));
                assertThat(Files.size(logFile(dir))).isEqualTo(goodEnd);
                log.append(record(3, 40));
            }
            try (ChunkLog log = ChunkLog.open(dir)) {
                assertThat(log.readAfter(2)).containsExactly(record(3, 40));
            }
        }
    }

    @Test
    void aZeroFilledTailIsCutAsTorn() throws IOException {
        Path dir = tmp.resolve("c1");
        long end;
        try (ChunkLog log = logWith(dir, 2, 40)) {
            end = log.sizeBytes();
        }
        Files.write(logFile(dir), new byte[4096], java.nio.file.StandardOpenOption.APPEND);
        try (ChunkLog log = ChunkLog.open(dir)) {
            assertThat(log.lastSeq()).isEqualTo(2);
            assertThat(Files.size(logFile(dir))).isEqualTo(end);
        }
    }

    @Test
    void aFlippedByteInAMiddleRecordIsCorruptionOnOpenAndNothingIsCut() throws IOException {
        Path source = tmp.resolve("source");
        long start;
        long end;
        try (ChunkLog log = logWith(source, 1, 30)) {
            start = log.sizeBytes();
            log.append(record(2, 30));
            end = log.sizeBytes();
            log.append(record(3, 30));
        }
        byte[] good = Files.readAllBytes(logFile(source));
        for (long at = start; at < end; at++) {
            Path dir = tmp.resolve("flip" + at);
            Files.createDirectories(dir);
            byte[] bad = good.clone();
            bad[(int) at] ^= 0x01;
            Files.write(logFile(dir), bad);
            long flipped = at;
            assertThatThrownBy(() -> ChunkLog.open(dir))
                    .as("flip at %d", flipped)
                    .isInstanceOfSatisfying(
                            CorruptChunkException.class,
                            e -> {
                                assertThat(e.offset()).isEqualTo(start);
                                assertThat(e.chunkDir()).isEqualTo(dir);
                            });
            assertThat(Files.readAllBytes(logFile(dir))).isEqualTo(bad);
        }
    }

    /**
     * Decision: a last record that is complete (its length does not run past the end of the file)
     * but fails its checksum is corruption, not a torn tail. It may have been fsync'd and
     * acknowledged, so it is not dropped silently; the replica is rebuilt instead.
     */
    @Test
    void aFlippedByteInACompleteLastRecordIsCorruption() throws IOException {
        Path source = tmp.resolve("source");
        long start;
        try (ChunkLog log = logWith(source, 2, 30)) {
            start = log.sizeBytes();
            log.append(record(3, 30));
        }
        byte[] good = Files.readAllBytes(logFile(source));
        for (long at = start; at < good.length; at++) {
            Path dir = tmp.resolve("flip" + at);
            Files.createDirectories(dir);
            byte[] bad = good.clone();
            bad[(int) at] ^= 0x40;
            Files.write(logFile(dir), bad);
            assertThatThrownBy(() -> ChunkLog.open(dir))
                    .as("flip at %d", at)
                    .isInstanceOf(CorruptChunkException.class)
                    .hasMessageContaining("offset " + start)
                    .hasMessageContaining("checksum mismatch");
            assertThat(Files.readAllBytes(logFile(dir))).isEqualTo(bad);
        }
    }

    @Test
    void aFlippedByteIsDetectedOnRead() throws IOException {
        Path dir = tmp.resolve("c1");
        try (ChunkLog log = logWith(dir, 3, 1000)) {
            long secondRecordPayload = log.sizeBytes() - 500;
            try (var raw =
                    java.nio.channels.FileChannel.open(
                            logFile(dir), java.nio.file.StandardOpenOption.WRITE)) {
                raw.write(java.nio.ByteBuffer.wrap(new byte[] {0x55, 0x55}), secondRecordPayload);
            }
            assertThatThrownBy(() -> log.readAfter(0))
                    .isInstanceOf(CorruptChunkException.class)
                    .hasMessageContaining("record body checksum mismatch");
            assertThatThrownBy(() -> log.readAfter(2)).isInstanceOf(CorruptChunkException.class);
            assertThat(log.readAfter(3)).isEmpty();
        }
    }

    @Test
    void aFileThatIsNotAChunkLogIsRefused() throws IOException {
        Path dir = tmp.resolve("c1");
        Files.createDirectories(dir);
        Files.writeString(logFile(dir), "hello world, not a log");
        assertThatThrownBy(() -> ChunkLog.open(dir))
                .isInstanceOf(CorruptChunkException.class)
                .hasMessageContaining("bad magic");
    }

    @Test
    void replaceWithSwapsTheWholeContent() throws IOException {
        Path dir = tmp.resolve("c1");
        List<ChunkRecord> fromGoodReplica =
                List.of(
                        new ChunkRecord(1, "a", new byte[] {1}),
                        new ChunkRecord(2, "b", new byte[] {2}));
        try (ChunkLog log = logWith(dir, 5, 10)) {
            log.replaceWith(fromGoodReplica);
            assertThat(log.lastSeq()).isEqualTo(2);
            assertThat(log.readAfter(0)).isEqualTo(fromGoodReplica);
            assertThat(log.contains("w-1")).isFalse();
            assertThat(log.contains("a")).isTrue();
            log.append(new ChunkRecord(3, "c", new byte[] {3}));
        }
        try (ChunkLog log = ChunkLog.open(dir)) {
            assertThat(log.readAfter(0))
                    .extracting(ChunkRecord::writeId)
                    .containsExactly("a", "b", "c");
            assertThat(Files.exists(dir.resolve(ChunkLog.TEMP_FILE))).isFalse();
        }
    }

    @Test
    void aReplaceInterruptedBeforeTheRenameLeavesTheOldContent() throws IOException {
        Path dir = tmp.resolve("c1");
        logWith(dir, 3, 10).close();
        // What a crash while writing the new file leaves behind: a partial temporary file.
        Files.write(dir.resolve(ChunkLog.TEMP_FILE), new byte[] {0x44, 0x43, 0x48});
        try (ChunkLog log = ChunkLog.open(dir)) {
            assertThat(log.readAfter(0))
                    .extracting(ChunkRecord::writeId)
                    .containsExactly("w-1", "w-2", "w-3");
            assertThat(Files.exists(dir.resolve(ChunkLog.TEMP_FILE))).isFalse();
        }
    }

    @Test
    void replaceWithRefusesGapsAndKeepsTheOldContent() throws IOException {
        try (ChunkLog log = logWith(tmp.resolve("c1"), 2, 10)) {
            assertThatThrownBy(() -> log.replaceWith(List.of(record(1, 1), record(3, 1))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(log.readAfter(0)).containsExactly(record(1, 10), record(2, 10));
        }
    }

    @Test
    void concurrentAppendersShareFsyncsAndKeepSeqOrder() throws Exception {
        int threads = 8;
        int perThread = 100;
        Path dir = tmp.resolve("c1");
        Object sequencer = new Object();
        long[] nextSeq = {1};
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (ChunkLog log = ChunkLog.open(dir)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    for (int i = 0; i < perThread; i++) {
                                        CompletableFuture<Void> done;
                                        synchronized (sequencer) {
                                            long seq = nextSeq[0]++;
                                            done =
                                                    log.appendAsync(
                                                            new ChunkRecord(
                                                                    seq,
                                                                    "w-" + seq,
                                                                    ("row batch " + seq)
                                                                            .getBytes(
                                                                                    StandardCharsets
                                                                                            .UTF_8)));
                                        }
                                        done.join();
                                    }
                                    return null;
                                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
            int total = threads * perThread;
            assertThat(log.lastSeq()).isEqualTo(total);
            assertThat(log.appendSyncCount()).isLessThan(total);
            List<ChunkRecord> records = log.readAfter(0);
            for (int i = 0; i < total; i++) {
                long seq = i + 1;
                assertThat(records.get(i).seq()).isEqualTo(seq);
                assertThat(records.get(i).writeId()).isEqualTo("w-" + seq);
                assertThat(new String(records.get(i).payload(), StandardCharsets.UTF_8))
                        .isEqualTo("row batch " + seq);
            }
        } finally {
            pool.shutdownNow();
        }
        try (ChunkLog log = ChunkLog.open(dir)) {
            assertThat(log.lastSeq()).isEqualTo(threads * perThread);
        }
    }

    @Test
    void aCompletionCallbackMayAppendAgain() throws Exception {
        try (ChunkLog log = ChunkLog.open(tmp.resolve("c1"))) {
            CompletableFuture<Void> second =
                    log.appendAsync(record(1, 10))
                            .thenCompose(ignored -> log.appendAsync(record(2, 10)));
            second.get(30, TimeUnit.SECONDS);
            assertThat(log.readAfter(0)).containsExactly(record(1, 10), record(2, 10));
        }
    }

    @Test
    void anAsyncAppendOutOfSequenceFailsItsFutureOnly() throws Exception {
        try (ChunkLog log = ChunkLog.open(tmp.resolve("c1"))) {
            CompletableFuture<Void> good = log.appendAsync(record(1, 10));
            CompletableFuture<Void> bad = log.appendAsync(record(3, 10));
            good.get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> bad.get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("expected seq 2, got 3");
            log.append(record(2, 10));
            assertThat(log.lastSeq()).isEqualTo(2);
        }
    }

    @Test
    void writeIdsAreRememberedAcrossReopenAndReplace() throws IOException {
        Path dir = tmp.resolve("c1");
        try (ChunkLog log = ChunkLog.open(dir)) {
            log.append(new ChunkRecord(1, "client-7:batch-1", new byte[] {1}));
            assertThat(log.contains("client-7:batch-1")).isTrue();
            assertThat(log.contains("client-7:batch-2")).isFalse();
        }
        try (ChunkLog log = ChunkLog.open(dir)) {
            assertThat(log.contains("client-7:batch-1")).isTrue();
            log.replaceWith(
                    List.of(
                            new ChunkRecord(1, "client-7:batch-1", new byte[] {1}),
                            new ChunkRecord(2, "client-8:batch-1", new byte[] {2})));
            assertThat(log.contains("client-8:batch-1")).isTrue();
        }
        try (ChunkLog log = ChunkLog.open(dir)) {
            assertThat(log.contains("client-8:batch-1")).isTrue();
        }
    }

    @Test
    void anInterruptedAppenderDoesNotBreakTheLog() throws IOException {
        try (ChunkLog log = ChunkLog.open(tmp.resolve("c1"))) {
            Thread.currentThread().interrupt();
            try {
                log.append(record(1, 10));
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
            log.append(record(2, 10));
            assertThat(log.readAfter(0)).containsExactly(record(1, 10), record(2, 10));
        }
    }

    @Test
    void aClosedLogRefusesWork() throws IOException {
        ChunkLog log = logWith(tmp.resolve("c1"), 1, 10);
        log.close();
        log.close();
        assertThatThrownBy(() -> log.append(record(2, 10)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> log.readAfter(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void recordsAreValidated() {
        assertThatThrownBy(() -> new ChunkRecord(0, "w", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkRecord(1, "é".repeat(101), new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("202 UTF-8 bytes");
        assertThatThrownBy(() -> new ChunkRecord(1, null, new byte[0]))
                .isInstanceOf(NullPointerException.class);
    }
}
