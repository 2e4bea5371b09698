package io.dolphincluster.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkStoreTest {

    @TempDir Path home;

    @Test
    void aFirstOpenStillScanningHoldsUpNeitherOtherChunksNorTheListing() throws Exception {
        java.util.concurrent.CountDownLatch scanning = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ChunkStore.LogOpener slowForC1 =
                (dir, alias, writers) -> {
                    if (dir.getFileName().toString().equals("c1")) {
                        scanning.countDown();
                        try {
                            if (!release.await(30, java.util.concurrent.TimeUnit.SECONDS))
                                throw new IOException("never released");
                        } catch (InterruptedException e) {
                            throw new java.io.InterruptedIOException();
                        }
                    }
                    return ChunkLog.open(dir, alias, writers);
                };
        java.util.concurrent.ExecutorService threads =
                java.util.concurrent.Executors.newFixedThreadPool(2);
        try (ChunkStore store = ChunkStore.open(home.resolve("chunks"), "datanode1", slowForC1)) {
            java.util.concurrent.Future<ChunkLog> first = threads.submit(() -> store.open("c1"));
            assertThat(scanning.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            java.util.concurrent.Future<ChunkLog> second = threads.submit(() -> store.open("c1"));

            assertThat(store.open("c2").lastSeq())
                    .isZero(); // would wait for c1's scan if the store's lock were held
            assertThat(store.chunkIds()).contains("c2");
            assertThat(second.isDone()).as("a second open of c1 waits for the first").isFalse();

            release.countDown();
            assertThat(second.get(10, java.util.concurrent.TimeUnit.SECONDS))
                    .isSameAs(first.get(10, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void theStoreKeepsItsIdentityUntilItsFilesAreLost() throws IOException {
        String first;
        try (ChunkStore store = ChunkStore.inHome(home, "datanode1")) {
            first = store.storeId();
        }
        try (ChunkStore store = ChunkStore.inHome(home, "datanode1")) {
            assertThat(store.storeId()).isEqualTo(first);
            assertThat(store.chunkIds()).isEmpty();
        }
        try (java.util.stream.Stream<Path> files =
                java.nio.file.Files.walk(home.resolve("chunks"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        try (ChunkStore store = ChunkStore.inHome(home, "datanode1")) {
            assertThat(store.storeId()).isNotEqualTo(first).isNotBlank();
        }
    }

    @Test
    void oneInstancePerChunkAndChunksAreFoundAfterRestart() throws IOException {
        try (ChunkStore store = ChunkStore.inHome(home, "datanode1")) {
            ChunkLog log = store.open("trades.quotes.2024-01-02_0");
            assertThat(store.open("trades.quotes.2024-01-02_0")).isSameAs(log);
            log.append(new ChunkRecord(1, "w1", new byte[] {1}));
            store.open("c2");
            assertThat(Files.isDirectory(home.resolve("chunks").resolve("c2"))).isTrue();
        }
        try (ChunkStore store = ChunkStore.inHome(home, "datanode1")) {
            assertThat(store.chunkIds()).containsExactly("c2", "trades.quotes.2024-01-02_0");
            assertThat(store.open("trades.quotes.2024-01-02_0").lastSeq()).isEqualTo(1);
        }
    }

    @Test
    void deleteClosesAndRemovesTheChunk() throws IOException {
        try (ChunkStore store = ChunkStore.inHome(home, "datanode1")) {
            ChunkLog log = store.open("c1");
            log.append(new ChunkRecord(1, "w1", new byte[] {1}));
            store.delete("c1");
            assertThat(store.chunkIds()).isEmpty();
            assertThatThrownBy(() -> log.append(new ChunkRecord(2, "w2", new byte[0])))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(store.open("c1").lastSeq()).isZero();
            store.delete("never-created");
        }
    }

    @Test
    void leftoversOfAnInterruptedDeleteAreRemovedAndNotListed() throws IOException {
        Path leftover = home.resolve("chunks").resolve(".deleting-c9");
        Files.createDirectories(leftover);
        Files.write(leftover.resolve(ChunkLog.LOG_FILE), new byte[] {1, 2, 3});
        try (ChunkStore store = ChunkStore.inHome(home, "datanode1")) {
            assertThat(store.chunkIds()).isEmpty();
            assertThat(Files.exists(leftover)).isFalse();
        }
    }

    @Test
    void aCorruptChunkIsRebuiltByDeletingAndReplacing() throws IOException {
        try (ChunkStore store = ChunkStore.inHome(home, "datanode1")) {
            ChunkLog log = store.open("c1");
            log.append(new ChunkRecord(1, "w1", new byte[] {1, 2, 3}));
            log.append(new ChunkRecord(2, "w2", new byte[] {4, 5, 6}));
        }
        Path file = home.resolve("chunks").resolve("c1").resolve(ChunkLog.LOG_FILE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[RecordFormat.FILE_HEADER_BYTES + RecordFormat.RECORD_HEADER_BYTES + 12] ^= 0x10;
        Files.write(file, bytes);
        try (ChunkStore store = ChunkStore.inHome(home, "datanode1")) {
            assertThatThrownBy(() -> store.open("c1")).isInstanceOf(CorruptChunkException.class);
            store.delete("c1");
            store.open("c1")
                    .replaceWith(
                            List.of(
                                    new ChunkRecord(1, "w1", new byte[] {1, 2, 3}),
                                    new ChunkRecord(2, "w2", new byte[] {4, 5, 6})));
        }
        try (ChunkStore store = ChunkStore.inHome(home, "datanode1")) {
            assertThat(store.open("c1").readAfter(0))
                    .extracting(ChunkRecord::writeId)
                    .containsExactly("w1", "w2");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "../x", "a/b", "a\\b", ".hidden", "a b", "x\u0000y"})
    void unsafeChunkIdsAreRefused(String chunkId) throws IOException {
        try (ChunkStore store = ChunkStore.inHome(home, "datanode1")) {
            assertThatThrownBy(() -> store.open(chunkId))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot name a directory");
            assertThatThrownBy(() -> store.delete(chunkId))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aClosedStoreClosesItsLogs() throws IOException {
        ChunkStore store = ChunkStore.inHome(home, "datanode1");
        ChunkLog log = store.open("c1");
        store.close();
        assertThatThrownBy(() -> log.append(new ChunkRecord(1, "w", new byte[0])))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.open("c1")).isInstanceOf(IllegalStateException.class);
    }
}
