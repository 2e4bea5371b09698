package io.dolphincluster.runtime.datanode;

import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.query.Query;
import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.query.PartitionPruner;
import io.dolphincluster.runtime.query.QueryPlan;
import io.dolphincluster.runtime.query.ResultMerger;
import io.dolphincluster.runtime.query.TableLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator's half of a query: fetch the leader's current list of chunks, prune them with the
 * partition column's filters, evaluate the query on one in-sync replica of each remaining chunk
 * (this node's own replica first), and merge the partial results. A replica that fails (down,
 * corrupt, no longer in sync) is replaced by the chunk's next in-sync replica; replicas that are
 * not in sync are never read.
 */
public final class ReadCoordinator {
    private static final long QUERY_TIMEOUT_SECONDS = 60;

    private final String alias;
    private final MetadataView view;
    private final ChunkReader localReader;
    private final ReplicaPeers peers;

    public ReadCoordinator(
            String alias, MetadataView view, ChunkReader localReader, ReplicaPeers peers) {
        this.alias = alias;
        this.view = view;
        this.localReader = localReader;
        this.peers = peers;
    }

    public RowBatch query(Query query) throws Exception {
        // A chunk created a moment ago through another datanode must not be missed: plan on the
        // leader's
        // current metadata. Without a leader the query fails (retryably) rather than answer from a
        // stale list.
        view.refresh();
        TableLayout layout = view.layout(query.database(), query.table());
        QueryPlan plan = QueryPlan.bind(query, layout.schema());
        PartitionPruner pruner = new PartitionPruner(layout);
        List<ChunkInfo> chunks =
                view.chunks(query.database(), query.table()).stream()
                        .filter(chunk -> pruner.mayMatch(chunk.partitionKey(), query.where()))
                        .sorted(
                                Comparator.comparing(
                                        ChunkInfo::partitionKey)) // selects come back in a
                        // repeatable order
                        .toList();
        List<CompletableFuture<RowBatch>> partials = new ArrayList<>();
        for (ChunkInfo chunk : chunks) partials.add(readChunk(chunk, query, readOrder(chunk), 0));
        List<RowBatch> results = new ArrayList<>();
        for (CompletableFuture<RowBatch> partial : partials)
            results.add(partial.get(QUERY_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        return ResultMerger.merge(plan, results);
    }

    private List<String> readOrder(ChunkInfo chunk) {
        List<String> order = new ArrayList<>(view.readableReplicas(chunk));
        if (order.remove(alias)) order.add(0, alias);
        return order;
    }

    private CompletableFuture<RowBatch> readChunk(
            ChunkInfo chunk, Query query, List<String> replicas, int next) {
        if (next >= replicas.size()) {
            return CompletableFuture.failedFuture(
                    new WriteCoordinator.ChunkUnavailableException(
                            "chunk "
                                    + chunk.id()
                                    + " (partition "
                                    + chunk.partitionKey()
                                    + ") has no readable in-sync replica"));
        }
        String replica = replicas.get(next);
        CompletableFuture<RowBatch> attempt =
                replica.equals(alias)
                        ? localReader.queryAsync(chunk.id(), query)
                        : peers.query(replica, chunk.id(), query);
        return attempt.handle(
                        (rows, failure) ->
                                failure == null
                                        ? CompletableFuture.completedFuture(rows)
                                        : readChunk(chunk, query, replicas, next + 1))
                .thenCompose(f -> f);
    }
}
