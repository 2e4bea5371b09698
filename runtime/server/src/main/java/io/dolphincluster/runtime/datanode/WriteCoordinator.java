package io.dolphincluster.runtime.datanode;

import io.dolphincluster.adminapi.AdminRoutes;
import io.dolphincluster.adminapi.ChunkRequest;
import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.RowBatchCodec;
import io.dolphincluster.runtime.link.ControllerLink;
import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.query.Partitioner;
import io.dolphincluster.runtime.query.TableLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator's half of an append, on whichever datanode the client is connected to: split the
 * rows by partition, find or create each partition's chunk (the controller leader places new ones),
 * and hand each chunk's rows to that chunk's primary (itself or a peer). The append is acknowledged
 * when every chunk's primary has acknowledged, which it does only once every in-sync replica has
 * the rows on disk. Every chunk write carries the client's write id, so a retry after any failure
 * never duplicates rows.
 */
public final class WriteCoordinator {
    private static final long CHUNK_WRITE_TIMEOUT_SECONDS = 30;
    private static final long FAILOVER_WAIT_MILLIS = 3_000;
    private static final long FAILOVER_POLL_MILLIS = 50;

    private final String alias;
    private final MetadataView view;
    private final ControllerLink link;
    private final ReplicationPath replication;
    private final ReplicaPeers peers;
    private final Executor localWrites;

    public WriteCoordinator(
            String alias,
            MetadataView view,
            ControllerLink link,
            ReplicationPath replication,
            ReplicaPeers peers,
            Executor localWrites) {
        this.localWrites = localWrites;
        this.alias = alias;
        this.view = view;
        this.link = link;
        this.replication = replication;
        this.peers = peers;
    }

    /**
     * Appends {@code rows}; returns how many rows the table received (all of them, or an
     * exception).
     */
    public int append(String database, String table, String writeId, RowBatch rows)
            throws Exception {
        TableLayout layout = view.layout(database, table);
        Map<String, RowBatch> parts = new Partitioner(layout).split(layout.conform(rows));
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (Map.Entry<String, RowBatch> part : parts.entrySet()) {
            ChunkInfo chunk = chunkFor(database, table, part.getKey());
            writes.add(
                    writeToPrimary(
                            chunk,
                            writeId,
                            RowBatchCodec.encode(part.getValue()))); // encoded once, stored as is
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                .get(CHUNK_WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return rows.size();
    }

    /**
     * Writes to the chunk's primary; when that fails, refreshes the view and, if the chunk has
     * another primary now, writes there instead of failing the client's append (the write id makes
     * the second attempt safe). When the primary's port refused the connection (or closed it), the
     * leader is told ({@code /api/nodes/{alias}/unreachable}): it checks, marks the node down and
     * moves the chunk's primary in a new epoch, which the view is polled for, for up to {@link
     * #FAILOVER_WAIT_MILLIS}. (A primary that released its replica when its datanode was drained,
     * or stepped down, is found with the first refresh.)
     */
    private CompletableFuture<Void> writeToPrimary(ChunkInfo chunk, String writeId, byte[] rows)
            throws Exception {
        String primary = primaryOf(chunk);
        String chunkId = chunk.id();
        return writeTo(primary, chunkId, writeId, rows)
                .exceptionallyComposeAsync(
                        failure -> {
                            try {
                                String now =
                                        awaitAnotherPrimary(
                                                chunkId, primary, refusedConnection(failure));
                                if (now == null) return CompletableFuture.failedFuture(failure);
                                return writeTo(now, chunkId, writeId, rows);
                            } catch (Exception e) {
                                failure.addSuppressed(e);
                                return CompletableFuture.failedFuture(failure);
                            }
                        },
                        localWrites);
    }

    /** The chunk's primary once it is another than {@code failed}, or null. */
    private String awaitAnotherPrimary(String chunkId, String failed, boolean gone)
            throws Exception {
        if (gone)
            link.post(
                    AdminRoutes.REPORT_UNREACHABLE.pathWithQuery("reporter", alias, failed),
                    Map.of());
        long deadline =
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(gone ? FAILOVER_WAIT_MILLIS : 0);
        while (true) {
            view.refresh();
            String now = view.chunk(chunkId).flatMap(view::primaryOf).orElse(failed);
            if (!now.equals(failed)) return now;
            if (System.nanoTime() - deadline > 0) return null;
            Thread.sleep(
                    FAILOVER_POLL_MILLIS); // polling the leader's view for a new epoch, bounded by
            // the deadline
        }
    }

    /**
     * The connection to the primary was refused or lost (not: it answered an error, or it did not
     * answer in time).
     */
    private static boolean refusedConnection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException
                    || t instanceof io.dolphincluster.protocol.wire.ConnectionLostException)
                return true;
        }
        return false;
    }

    private String primaryOf(ChunkInfo chunk) throws Exception {
        String primary = view.primaryOf(chunk).orElse(null);
        if (primary != null) return primary;
        view.refresh();
        return view.chunk(chunk.id())
                .flatMap(view::primaryOf)
                .orElseThrow(() -> new ChunkUnavailableException("no live in-sync replica"));
    }

    private CompletableFuture<Void> writeTo(
            String primary, String chunkId, String writeId, byte[] rows) {
        if (primary.equals(alias)) {
            return CompletableFuture.runAsync(
                    () -> {
                        try {
                            replication.write(chunkId, writeId, rows);
                        } catch (Exception e) {
                            throw new java.util.concurrent.CompletionException(e);
                        }
                    },
                    localWrites);
        }
        return peers.write(primary, chunkId, writeId, rows);
    }

    private ChunkInfo chunkFor(String database, String table, String partitionKey)
            throws Exception {
        ChunkInfo known = view.chunk(database, table, partitionKey).orElse(null);
        if (known != null) return known;
        ControllerLink.Answer answer =
                link.post(
                        AdminRoutes.CREATE_CHUNK.path(),
                        new ChunkRequest(database, table, partitionKey));
        if (!answer.ok()) {
            throw new IllegalStateException(
                    "cannot create the chunk for partition "
                            + partitionKey
                            + " of "
                            + database
                            + "/"
                            + table
                            + ": "
                            + answer.error());
        }
        view.refresh(); // the leader answered after committing the chunk, so its metadata holds it
        return view.chunk(database, table, partitionKey)
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "chunk for partition "
                                                + partitionKey
                                                + " missing after its creation"));
    }

    /** No replica of a chunk can take writes or serve reads right now; the client should retry. */
    public static final class ChunkUnavailableException extends Exception {
        public ChunkUnavailableException(String message) {
            super(message);
        }
    }
}
