package io.dolphincluster.runtime.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All chunk replicas of one datanode, one {@link ChunkLog} per directory {@code <root>/<chunkId>/}
 * (the datanode's root is {@code <home>/chunks}, see {@link #inHome}).
 *
 * <p>Guarantees: one open {@link ChunkLog} instance per chunk id while the store is open; chunk ids
 * that could escape the root or clash with internal names are refused with {@link
 * IllegalArgumentException}; {@link #delete} first renames the chunk's directory out of the way
 * (one atomic step), so a crash mid-delete never leaves a half-deleted chunk that looks live.
 *
 * <p>The store has an identity, {@link #storeId()}: a random id written to {@value #STORE_ID_FILE}
 * when the store is created. A datanode reports it to the controllers when it registers, so that a
 * disk that was lost and replaced (an empty store, a new id) is never taken for the one that held
 * the replicas. Thread-safe.
 */
public final class ChunkStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChunkStore.class);
    private static final String DELETING_PREFIX = ".deleting-";
    static final String STORE_ID_FILE = "store.id";

    private final Path root;
    private final String nodeAlias;
    private final String storeId;

    /** Logs opened or being opened: the scan of a first open runs outside the store's lock. */
    private final Map<String, java.util.concurrent.CompletableFuture<ChunkLog>> open =
            new HashMap<>();

    /** Writes queued appends of all chunks; a chunk is written by one thread at a time. */
    private final ExecutorService writers;

    private boolean closed;

    /**
     * How a chunk's log is opened (a seam for tests; {@link ChunkLog#open(Path, String,
     * java.util.concurrent.Executor)}).
     */
    interface LogOpener {
        ChunkLog open(Path dir, String nodeAlias, java.util.concurrent.Executor writers)
                throws IOException;
    }

    private final LogOpener opener;

    private ChunkStore(Path root, String nodeAlias, String storeId, LogOpener opener) {
        this.opener = opener;
        this.root = root;
        this.storeId = storeId;
        this.nodeAlias = nodeAlias;
        AtomicInteger threadNumber = new AtomicInteger();
        this.writers =
                Executors.newFixedThreadPool(
                        Math.max(2, Runtime.getRuntime().availableProcessors()),
                        runnable -> {
                            Thread thread =
                                    new Thread(
                                            runnable,
                                            nodeAlias
                                                    + "-chunk-writer-"
                                                    + threadNumber.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
    }

    /**
     * The store under {@code root}, created if missing; leftovers of interrupted deletes are
     * removed.
     */
    public static ChunkStore open(Path root, String nodeAlias) throws IOException {
        return open(root, nodeAlias, ChunkLog::open);
    }

    static ChunkStore open(Path root, String nodeAlias, LogOpener opener) throws IOException {
        Files.createDirectories(root);
        try (DirectoryStream<Path> leftovers =
                Files.newDirectoryStream(root, DELETING_PREFIX + "*")) {
            for (Path leftover : leftovers) {
                deleteRecursively(leftover);
            }
        }
        return new ChunkStore(root, nodeAlias, readOrCreateStoreId(root, nodeAlias), opener);
    }

    private static String readOrCreateStoreId(Path root, String nodeAlias) throws IOException {
        Path file = root.resolve(STORE_ID_FILE);
        if (Files.exists(file)) {
            String id = Files.readString(file, java.nio.charset.StandardCharsets.UTF_8).trim();
            if (!id.isEmpty()) return id;
        }
        String id = java.util.UUID.randomUUID().toString();
        Path temp = root.resolve(STORE_ID_FILE + ".tmp");
        Files.writeString(temp, id + "\n", java.nio.charset.StandardCharsets.UTF_8);
        try (java.nio.channels.FileChannel channel =
                java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        Fsync.directory(root);
        log.info("[{}] chunk store {} created with id {}", nodeAlias, root, id);
        return id;
    }

    /**
     * The identity of this store: the same for as long as its files exist, new when it is created
     * again.
     */
    public String storeId() {
        return storeId;
    }

    /** The store of the datanode whose home directory is {@code home}: {@code <home>/chunks}. */
    public static ChunkStore inHome(Path home, String nodeAlias) throws IOException {
        return open(home.resolve("chunks"), nodeAlias);
    }

    public Path root() {
        return root;
    }

    /**
     * The log of {@code chunkId}, created empty if the chunk is new; the same instance until
     * deleted or closed. The first open scans the whole file: it runs in the calling thread without
     * holding the store's lock, so the store serves other chunks (and {@link #chunkIds}) meanwhile;
     * callers for the same chunk wait for that scan.
     */
    public ChunkLog open(String chunkId) throws IOException {
        ChunkIds.requireSafe(chunkId);
        java.util.concurrent.CompletableFuture<ChunkLog> opening;
        boolean mine = false;
        synchronized (this) {
            ensureOpen();
            opening = open.get(chunkId);
            if (opening == null || opening.isCompletedExceptionally()) {
                opening = new java.util.concurrent.CompletableFuture<>();
                open.put(chunkId, opening);
                mine = true;
            }
        }
        if (mine) {
            try {
                opening.complete(opener.open(root.resolve(chunkId), nodeAlias, writers));
            } catch (IOException | RuntimeException e) {
                opening.completeExceptionally(e);
                synchronized (this) {
                    open.remove(chunkId, opening);
                }
                throw e;
            }
        }
        try {
            return opening.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            throw e;
        }
    }

    /** Ids of the chunks on disk, opened or not. */
    public synchronized Set<String> chunkIds() throws IOException {
        ensureOpen();
        Set<String> ids = new TreeSet<>();
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(ChunkIds::isSafe)
                    .forEach(ids::add);
        }
        return ids;
    }

    /**
     * Closes and removes the chunk's log and directory; does nothing when the chunk is not on disk.
     */
    public synchronized void delete(String chunkId) throws IOException {
        ChunkIds.requireSafe(chunkId);
        ensureOpen();
        java.util.concurrent.CompletableFuture<ChunkLog> chunk = open.remove(chunkId);
        if (chunk != null && !chunk.isCompletedExceptionally()) {
            chunk.join().close(); // waits for an open still scanning the file
        }
        Path dir = root.resolve(chunkId);
        if (!Files.exists(dir)) {
            return;
        }
        Path doomed = root.resolve(DELETING_PREFIX + chunkId);
        deleteRecursively(doomed);
        Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
        Fsync.directory(root);
        deleteRecursively(doomed);
        log.info("[{}] chunk {}: deleted", nodeAlias, chunkId);
    }

    /** Closes every open log. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException first = null;
        for (java.util.concurrent.CompletableFuture<ChunkLog> opening : open.values()) {
            if (!opening.isDone() || opening.isCompletedExceptionally()) continue;
            try {
                opening.join().close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        open.clear();
        writers.shutdown();
        if (first != null) {
            throw first;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("chunk store " + root + " is closed");
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(path)) {
            walk.forEach(all::add);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(all.get(i));
        }
    }
}
