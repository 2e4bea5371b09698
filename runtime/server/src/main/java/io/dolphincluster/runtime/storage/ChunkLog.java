package io.dolphincluster.runtime.storage;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only, checksummed record log of one chunk replica, kept in one directory as the file
 * {@value #LOG_FILE} (layout in {@link RecordFormat}).
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>An append returns (or its future completes) only after the record is fsync'd. Records carry
 *       seq 1, 2, 3, ... without gaps; an append whose seq is not the next one fails with {@link
 *       IllegalStateException} and writes nothing.
 *   <li>Concurrent appends share fsyncs (group commit): appends queue up, and whoever holds the
 *       writer writes everything queued so far with one fsync. {@link #appendAsync} only queues
 *       (the writing happens on the writer executor), so a caller may assign seqs and queue under
 *       its own lock and wait outside it; {@link #append} writes in the calling thread. Appends are
 *       written in the order they were queued.
 *   <li>{@link #open} removes a torn tail left by a crash (see {@link LogScanner} for what counts
 *       as one) and never anything fsync'd before it; any other damage is a {@link
 *       CorruptChunkException} and nothing is changed on disk.
 *   <li>{@link #readAfter} verifies checksums of everything it returns.
 *   <li>{@link #replaceWith} leaves, after a crash at any point, either the old or the new content.
 *   <li>Append does not deduplicate: callers check {@link #contains} (which knows the write ids of
 *       all records written so far, rebuilt on open) before assigning a seq.
 *   <li>After an I/O error while writing, the log refuses further writes (the state of the file is
 *       not known any more); close it and open it again, which rescans the file. Reads still work.
 *   <li>Interrupts do not break the log: a pending interrupt is set aside while appending, a read
 *       on an interrupted thread fails with {@link java.io.InterruptedIOException}, and an
 *       interrupt that closes the file mid-I/O fails only that call (the file is reopened,
 *       unacknowledged bytes cut).
 * </ul>
 *
 * All methods are thread-safe. Use one instance per directory (see {@link ChunkStore}).
 */
public final class ChunkLog implements AutoCloseable {

    static final String LOG_FILE = "chunk.log";
    static final String TEMP_FILE = "chunk.log.tmp";

    private static final Logger log = LoggerFactory.getLogger(ChunkLog.class);

    private final Path dir;
    private final String logPrefix;

    /**
     * Serialises whoever writes the file (an append batch, replaceWith, close) and batches appends.
     */
    private final GroupCommit commits;

    /** Guards channel and index: readers share it, writers take it only to publish changes. */
    private final ReentrantReadWriteLock state = new ReentrantReadWriteLock();

    private volatile FileChannel channel;
    private RecordIndex index;
    private volatile boolean closed;
    private volatile IOException writeFailure;
    private final AtomicLong appendSyncs = new AtomicLong();

    private ChunkLog(
            Path dir,
            String logPrefix,
            FileChannel channel,
            RecordIndex index,
            Executor writerExecutor) {
        this.dir = dir;
        this.logPrefix = logPrefix;
        this.channel = channel;
        this.index = index;
        this.commits =
                new GroupCommit(
                        this::writeBatch, writerExecutor, "chunk-writer-" + dir.getFileName());
    }

    /**
     * Opens (or creates, with its directory) the log in {@code dir}, with its own writer thread for
     * {@link #appendAsync}.
     */
    public static ChunkLog open(Path dir) throws IOException {
        return open(dir, "", null);
    }

    /**
     * As {@link #open(Path)}, prefixing log lines with {@code [nodeAlias]} and writing queued
     * appends on {@code writerExecutor} (shared by many logs; null for a thread of its own). Tasks
     * on it block on disk I/O.
     */
    public static ChunkLog open(Path dir, String nodeAlias, Executor writerExecutor)
            throws IOException {
        String prefix =
                (nodeAlias.isEmpty() ? "" : "[" + nodeAlias + "] ")
                        + "chunk "
                        + dir.getFileName()
                        + ": ";
        Path logFile = dir.resolve(LOG_FILE);
        Path tempFile = dir.resolve(TEMP_FILE);
        if (Files.deleteIfExists(tempFile)) {
            log.info("{}removed the temporary file of an interrupted replace", prefix);
        }
        if (!Files.exists(logFile)) {
            boolean newDir = !Files.isDirectory(dir);
            Files.createDirectories(dir);
            if (newDir && dir.toAbsolutePath().getParent() != null) {
                Fsync.directory(dir.toAbsolutePath().getParent());
            }
            LogFileWriter.writeAtomically(logFile, tempFile, List.of());
            log.info("{}created empty log", prefix);
        }
        FileChannel channel =
                FileChannel.open(logFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            LogScanner.Result scan = LogScanner.scan(dir, channel);
            if (scan.tornBytes() > 0) {
                channel.truncate(scan.tornOffset());
                channel.force(true);
                log.warn(
                        "{}truncated {} torn bytes at offset {}",
                        prefix,
                        scan.tornBytes(),
                        scan.tornOffset());
            }
            log.debug("{}opened with {} records", prefix, scan.index().count());
            return new ChunkLog(dir, prefix, channel, scan.index(), writerExecutor);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The directory of this log. */
    public Path dir() {
        return dir;
    }

    /** Seq of the last record, 0 when the log is empty. */
    public long lastSeq() {
        return readState(() -> index.lastSeq());
    }

    /** Whether a record with this write id has been written (fsync'd). */
    public boolean contains(String writeId) {
        return readState(() -> index.contains(writeId));
    }

    /** The seq of the record with this write id, or 0 when the log has none. */
    public long seqOf(String writeId) {
        return readState(() -> index.seqOf(writeId));
    }

    /**
     * The digest of records 1..seq (write ids in order), equal on two logs exactly when they hold
     * the same writes up to {@code seq}; {@code seq} 0 gives the digest of the empty log.
     *
     * @throws IllegalArgumentException when {@code seq} is past the last record
     */
    public long digestAt(long seq) {
        return readState(() -> index.digestAt(seq));
    }

    public int recordCount() {
        return readState(() -> index.count());
    }

    /** Size of the log file in bytes, header included. */
    public long sizeBytes() {
        return readState(() -> index.end());
    }

    /**
     * How many fsyncs appends have done so far (fewer than appends when group commit batched them).
     */
    long appendSyncCount() {
        return appendSyncs.get();
    }

    /**
     * Appends {@code record} and returns once it is fsync'd, sharing the fsync with concurrent
     * appends.
     */
    public void append(ChunkRecord record) throws IOException {
        appendAll(List.of(record));
    }

    /**
     * Appends {@code records} (consecutive seqs, the first one after {@link #lastSeq}) and returns
     * once all are fsync'd: written as one batch with one fsync, unless a concurrent batch takes
     * some of them. Each record is taken or refused as by {@link #append}; a refusal fails the call
     * (the first one's exception). Catch-up of a replica appends its records this way.
     */
    public void appendAll(List<ChunkRecord> records) throws IOException {
        List<CompletableFuture<Void>> done = new ArrayList<>(records.size());
        for (ChunkRecord record : records) {
            done.add(enqueue(record));
        }
        commits.writeNow();
        for (CompletableFuture<Void> appended : done) {
            try {
                appended.join();
            } catch (CompletionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException) {
                    throw (IOException) cause;
                }
                if (cause instanceof RuntimeException) {
                    throw (RuntimeException) cause;
                }
                throw e;
            }
        }
    }

    /**
     * Queues {@code record} and returns at once a future completed once it is fsync'd, or failed
     * with {@link IllegalStateException} (wrong seq, log closed) or {@link IOException}. Futures
     * complete on the writer thread: do not block in their callbacks.
     */
    public CompletableFuture<Void> appendAsync(ChunkRecord record) {
        CompletableFuture<Void> done = enqueue(record);
        commits.writeLater();
        return done;
    }

    private CompletableFuture<Void> enqueue(ChunkRecord record) {
        Objects.requireNonNull(record, "record");
        ensureOpen();
        return commits.enqueue(record);
    }

    /**
     * Records with seq greater than {@code afterSeq}, read from disk with checksums verified.
     *
     * @throws CorruptChunkException when any of them fails its checksum
     */
    public List<ChunkRecord> readAfter(long afterSeq) throws IOException {
        return readAfter(afterSeq, Long.MAX_VALUE);
    }

    /**
     * As {@link #readAfter(long)}, but stops after the record that brings the payload bytes read to
     * {@code maxPayloadBytes} or more (so at least one record when there is one): catch-up in
     * pages.
     */
    public List<ChunkRecord> readAfter(long afterSeq, long maxPayloadBytes) throws IOException {
        if (afterSeq < 0) {
            throw new IllegalArgumentException("afterSeq must be >= 0, was " + afterSeq);
        }
        if (Thread.currentThread().isInterrupted()) {
            // An interrupted thread would close the shared channel on its first read.
            throw new InterruptedIOException(logPrefix + "read refused: thread is interrupted");
        }
        try {
            return readLocked(afterSeq, maxPayloadBytes);
        } catch (ClosedChannelException e) {
            reopenChannelClosedByInterrupt();
            throw e;
        }
    }

    private List<ChunkRecord> readLocked(long afterSeq, long maxPayloadBytes) throws IOException {
        state.readLock().lock();
        try {
            ensureOpen();
            RecordReader reader = new RecordReader(dir, channel);
            List<ChunkRecord> records = new ArrayList<>();
            long payloadBytes = 0;
            for (long seq = afterSeq + 1;
                    seq <= index.lastSeq() && payloadBytes < maxPayloadBytes;
                    seq++) {
                ChunkRecord record = reader.read(index.offsetOf(seq), seq);
                records.add(record);
                payloadBytes += record.payload().length;
            }
            return records;
        } finally {
            state.readLock().unlock();
        }
    }

    /**
     * Replaces the whole content with {@code records}, which must carry seq 1, 2, 3, ... (catch-up
     * from a good replica). Atomic on disk: a crash leaves the old or the new content.
     */
    public void replaceWith(List<ChunkRecord> records) throws IOException {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).seq() != i + 1) {
                throw new IllegalArgumentException(
                        "records must carry seq 1, 2, 3, ...; record "
                                + i
                                + " has seq "
                                + records.get(i).seq());
            }
        }
        commits.exclusively(
                () -> {
                    ensureOpen();
                    RecordIndex newIndex;
                    FileChannel newChannel;
                    try {
                        newIndex =
                                LogFileWriter.writeAtomically(
                                        dir.resolve(LOG_FILE), dir.resolve(TEMP_FILE), records);
                        newChannel =
                                FileChannel.open(
                                        dir.resolve(LOG_FILE),
                                        StandardOpenOption.READ,
                                        StandardOpenOption.WRITE);
                    } catch (IOException e) {
                        writeFailure = e;
                        log.error(
                                "{}replace failed, log refuses writes until reopened: {}",
                                logPrefix,
                                e.toString());
                        throw e;
                    }
                    FileChannel oldChannel;
                    state.writeLock().lock();
                    try {
                        oldChannel = channel;
                        channel = newChannel;
                        index = newIndex;
                        writeFailure = null;
                    } finally {
                        state.writeLock().unlock();
                    }
                    oldChannel.close();
                    log.info("{}replaced content with {} records", logPrefix, records.size());
                });
    }

    /**
     * Closes the file; queued appends fail, later calls throw {@link IllegalStateException}.
     * Idempotent.
     */
    @Override
    public void close() throws IOException {
        commits.exclusively(
                () -> {
                    if (closed) {
                        return;
                    }
                    state.writeLock().lock();
                    try {
                        closed = true;
                        channel.close();
                    } finally {
                        state.writeLock().unlock();
                    }
                });
        commits.shutdown();
    }

    /**
     * Writes the appends of {@code batch} that carry the next seqs, with one fsync (the
     * GroupCommit's writer).
     */
    private void writeBatch(List<GroupCommit.Pending> batch, List<Runnable> outcomes) {
        if (closed) {
            batch.forEach(p -> fail(outcomes, p, closedException()));
            return;
        }
        if (writeFailure != null) {
            IOException refused =
                    new IOException(
                            logPrefix + "an earlier write failed; reopen the log", writeFailure);
            batch.forEach(p -> fail(outcomes, p, refused));
            return;
        }
        List<GroupCommit.Pending> accepted = new ArrayList<>();
        List<ByteBuffer> buffers = new ArrayList<>();
        long nextSeq = index.lastSeq() + 1;
        for (GroupCommit.Pending p : batch) {
            if (p.record().seq() != nextSeq) {
                fail(
                        outcomes,
                        p,
                        new IllegalStateException(
                                logPrefix
                                        + "append expected seq "
                                        + nextSeq
                                        + ", got "
                                        + p.record().seq()));
                continue;
            }
            accepted.add(p);
            buffers.addAll(List.of(RecordFormat.encode(p.record())));
            nextSeq++;
        }
        if (accepted.isEmpty()) {
            return;
        }
        long start = index.end();
        try {
            channel.position(start);
            LogFileWriter.writeFully(channel, buffers.toArray(new ByteBuffer[0]));
            channel.force(false);
            appendSyncs.incrementAndGet();
        } catch (IOException e) {
            recoverFromFailedAppend(start, e);
            accepted.forEach(p -> fail(outcomes, p, e));
            return;
        }
        publish(accepted, start);
        accepted.forEach(p -> outcomes.add(() -> p.done().complete(null)));
    }

    private static void fail(List<Runnable> outcomes, GroupCommit.Pending append, Throwable cause) {
        outcomes.add(() -> append.done().completeExceptionally(cause));
    }

    /**
     * An interrupt during I/O closes the channel; then the file is fine up to {@code start} and the
     * unacknowledged bytes after it are cut. Any other write error leaves the file in an unknown
     * state.
     */
    private void recoverFromFailedAppend(long start, IOException cause) {
        if (!(cause instanceof ClosedChannelException)) {
            writeFailure = cause;
            log.error(
                    "{}append at offset {} failed, log refuses writes until reopened: {}",
                    logPrefix,
                    start,
                    cause.toString());
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            reopenChannelClosedByInterrupt();
            channel.truncate(start);
            channel.force(true);
            log.warn(
                    "{}append interrupted; cut the unacknowledged bytes after offset {}",
                    logPrefix,
                    start);
        } catch (IOException e) {
            writeFailure = e;
            log.error(
                    "{}append interrupted and the log could not be reopened; refusing writes: {}",
                    logPrefix,
                    e.toString());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void reopenChannelClosedByInterrupt() throws IOException {
        state.writeLock().lock();
        try {
            if (!closed && !channel.isOpen()) {
                channel =
                        FileChannel.open(
                                dir.resolve(LOG_FILE),
                                StandardOpenOption.READ,
                                StandardOpenOption.WRITE);
                log.info("{}reopened the log file after an interrupted read or write", logPrefix);
            }
        } finally {
            state.writeLock().unlock();
        }
    }

    private void publish(List<GroupCommit.Pending> written, long start) {
        state.writeLock().lock();
        try {
            long offset = start;
            for (GroupCommit.Pending p : written) {
                long size = RecordFormat.encodedSize(p.record());
                index.add(offset, p.record().writeId(), size);
                offset += size;
            }
        } finally {
            state.writeLock().unlock();
        }
    }

    private <T> T readState(Supplier<T> read) {
        state.readLock().lock();
        try {
            return read.get();
        } finally {
            state.readLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw closedException();
        }
    }

    private IllegalStateException closedException() {
        return new IllegalStateException(logPrefix + "log is closed");
    }

    @Override
    public String toString() {
        return "ChunkLog[" + dir + "]";
    }
}
