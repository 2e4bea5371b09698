package io.dolphincluster.runtime.datanode;

import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.query.Query;
import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.query.ChunkQueryEvaluator;
import io.dolphincluster.runtime.query.QueryPlan;
import io.dolphincluster.runtime.storage.CorruptChunkException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a query on this node's replica of one chunk. It serves only a replica that is in sync
 * in its view of the metadata. A checksum failure is reported to the controller (this replica out
 * of sync, when another in-sync replica exists), the replica is queued for a rebuild, and the
 * caller gets an error so it reads another replica.
 */
public final class ChunkReader {
    private static final Logger log = LoggerFactory.getLogger(ChunkReader.class);

    private final String alias;
    private final LocalReplicas replicas;
    private final MetadataView view;
    private final ReplicaStates states;
    private final ReplicaRepair repair;
    private final Executor executor;

    public ChunkReader(
            String alias,
            LocalReplicas replicas,
            MetadataView view,
            ReplicaStates states,
            ReplicaRepair repair,
            Executor executor) {
        this.alias = alias;
        this.replicas = replicas;
        this.view = view;
        this.states = states;
        this.repair = repair;
        this.executor = executor;
    }

    public CompletableFuture<RowBatch> queryAsync(String chunkId, Query query) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return query(chunkId, query);
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                },
                executor);
    }

    public RowBatch query(String chunkId, Query query) throws Exception {
        ChunkInfo chunk =
                view.chunk(chunkId)
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                alias + " does not know chunk " + chunkId));
        boolean inSync = chunk.isInSync(alias);
        if (!inSync || !replicas.holds(chunkId)) {
            throw new NotInSyncException(
                    alias + "'s replica of chunk " + chunkId + " is not in sync");
        }
        QueryPlan plan =
                QueryPlan.bind(query, view.layout(chunk.database(), chunk.table()).schema());
        try {
            return ChunkQueryEvaluator.evaluate(plan, new ChunkBatches(replicas.read(chunkId)));
        } catch (CorruptChunkException e) {
            throw reportedCorruption(chunkId, e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CorruptChunkException corrupt)
                throw reportedCorruption(chunkId, corrupt);
            throw e.getCause();
        }
    }

    private CorruptChunkException reportedCorruption(String chunkId, CorruptChunkException e)
            throws Exception {
        log.error(
                "[{}] chunk {}: replica is corrupt ({}); marking it out of sync and rebuilding it",
                alias,
                chunkId,
                e.getMessage());
        repair.rebuildLater(chunkId);
        long epoch = view.chunk(chunkId).map(ChunkInfo::epoch).orElse(0L);
        states.markOutOfSync(chunkId, alias, epoch, "corrupt: " + e.getMessage());
        return e;
    }

    /** A read reached a replica that is not in sync; the coordinator reads another one. */
    public static final class NotInSyncException extends Exception {
        public NotInSyncException(String message) {
            super(message);
        }
    }
}
