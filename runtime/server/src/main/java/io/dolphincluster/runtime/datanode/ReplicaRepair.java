package io.dolphincluster.runtime.datanode;

import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.metadata.ReplicaInfo;
import io.dolphincluster.runtime.replication.CatchUpRule;
import io.dolphincluster.runtime.replication.LogPosition;
import io.dolphincluster.runtime.storage.ChunkRecord;
import io.dolphincluster.runtime.storage.CorruptChunkException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings this datanode's replicas in line with the metadata, after every metadata refresh: a
 * replica the metadata no longer lists here is deleted; a replica listed here but out of sync (the
 * node was down, the replica was corrupt, or it is a new copy made by re-replication) catches up
 * from the chunk's primary and asks the primary to mark it in sync. A replica whose log disagrees
 * with the primary's (it holds a record that was never acknowledged) or that is corrupt is rebuilt
 * whole from the primary.
 */
public final class ReplicaRepair implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReplicaRepair.class);
    private static final int MAX_ROUNDS = 20;

    private final String alias;
    private final LocalReplicas replicas;
    private final MetadataView view;
    private final ReplicaPeers peers;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Set<String> needsRebuild = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers =
            Executors.newFixedThreadPool(
                    2,
                    r -> {
                        Thread thread = new Thread(r, "replica-repair");
                        thread.setDaemon(true);
                        return thread;
                    });

    public ReplicaRepair(
            String alias, LocalReplicas replicas, MetadataView view, ReplicaPeers peers) {
        this.alias = alias;
        this.replicas = replicas;
        this.view = view;
        this.peers = peers;
    }

    /** Marks a local replica for a whole rebuild (it was found corrupt). */
    public void rebuildLater(String chunkId) {
        needsRebuild.add(chunkId);
    }

    /** Compares the local replicas with the current metadata and starts the repairs needed. */
    public void run() {
        if (!view.loaded() || !view.isUp(alias) || !view.storeKnown()) return;
        Set<String> local;
        try {
            local = replicas.chunkIds();
        } catch (java.io.IOException e) {
            log.warn("[{}] cannot list the chunk store: {}", alias, e.toString());
            return;
        }
        for (String chunkId : local) {
            Optional<ChunkInfo> chunk = view.chunk(chunkId);
            if (chunk.isPresent() ? chunk.get().replicaOn(alias).isEmpty() : wasDropped(chunkId))
                deleteReplica(chunkId);
        }
        for (ChunkInfo chunk : view.snapshot().chunks()) {
            for (ReplicaInfo replica : chunk.replicas()) {
                if (replica.node().equals(alias) && !replica.inSync() && running.add(chunk.id())) {
                    workers.execute(
                            () -> {
                                try {
                                    catchUp(chunk.id());
                                } finally {
                                    running.remove(chunk.id());
                                }
                            });
                }
            }
        }
    }

    /**
     * Whether the chunk's table (or database) was dropped: the id names a database and table, and
     * the view has no such table. A chunk merely missing from the view is kept: only an explicit
     * drop deletes data no one else holds.
     */
    private boolean wasDropped(String chunkId) {
        String[] parts = chunkId.split("~", 3);
        return parts.length == 3 && view.table(parts[0], parts[1]).isEmpty();
    }

    private void deleteReplica(String chunkId) {
        try {
            replicas.delete(chunkId);
            log.info("[{}] chunk {}: replica deleted (no longer placed here)", alias, chunkId);
        } catch (Exception e) {
            log.warn("[{}] chunk {}: could not delete replica: {}", alias, chunkId, e.toString());
        }
    }

    private void catchUp(String chunkId) {
        try {
            openOrReset(chunkId);
            for (int round = 0; round < MAX_ROUNDS; round++) {
                ChunkInfo chunk = view.chunk(chunkId).orElse(null);
                if (chunk == null) return;
                String primary = view.primaryOf(chunk).orElse(null);
                if (primary == null || primary.equals(alias)) return;
                LogPosition position = pullFrom(primary, chunkId);
                if (peers.catchUp(primary, chunkId, alias, position).get(10, TimeUnit.SECONDS))
                    return;
            }
            log.warn(
                    "[{}] chunk {}: still behind the primary after {} rounds; will try again",
                    alias,
                    chunkId,
                    MAX_ROUNDS);
        } catch (Exception e) {
            log.warn(
                    "[{}] chunk {}: catch-up failed, will retry: {}", alias, chunkId, e.toString());
        }
    }

    /**
     * A replica whose log cannot even be opened (corrupt) is deleted, to be rebuilt whole from the
     * primary.
     */
    private void openOrReset(String chunkId) throws Exception {
        try {
            replicas.read(chunkId);
        } catch (CorruptChunkException e) {
            log.error(
                    "[{}] chunk {}: replica is corrupt ({}); deleting it to rebuild it from the primary",
                    alias,
                    chunkId,
                    e.getMessage());
            replicas.delete(chunkId);
            needsRebuild.add(chunkId);
        }
    }

    /**
     * Copies the primary's records after this log's last one when this log is a prefix of the
     * primary's (same digest at its last record); otherwise (it holds writes the primary does not:
     * never acknowledged) or when it is corrupt, rebuilds it whole from the primary. Returns the
     * local position afterwards.
     */
    private LogPosition pullFrom(String primary, String chunkId) throws Exception {
        return replicas.withChunk(
                chunkId,
                chunkLog -> {
                    long last = chunkLog.lastSeq();
                    boolean rebuild = needsRebuild.contains(chunkId);
                    ReplicaPeers.FetchedRecords fetched = null;
                    if (!rebuild) {
                        fetched = peers.fetch(primary, chunkId, last).get(30, TimeUnit.SECONDS);
                        rebuild =
                                CatchUpRule.replicaStep(
                                                LogPosition.of(chunkLog),
                                                fetched.primaryLastSeq(),
                                                fetched.afterDigest(),
                                                false)
                                        == CatchUpRule.Step.REBUILD;
                    }
                    if (rebuild) {
                        List<ChunkRecord> all =
                                peers.fetch(primary, chunkId, 0)
                                        .get(60, TimeUnit.SECONDS)
                                        .records();
                        LogPosition before = LogPosition.of(chunkLog);
                        chunkLog.replaceWith(all);
                        log.info(
                                "[{}] chunk {}: replica rebuilt from {} ({} records; it was at {}, {})",
                                alias,
                                chunkId,
                                primary,
                                all.size(),
                                before,
                                needsRebuild.contains(chunkId)
                                        ? "corrupt"
                                        : "not a prefix of the primary's log");
                        needsRebuild.remove(chunkId);
                        return LogPosition.of(chunkLog);
                    }
                    List<ChunkRecord> next = new ArrayList<>();
                    for (ChunkRecord record : fetched.records()) {
                        if (record.seq() == chunkLog.lastSeq() + 1 + next.size()) next.add(record);
                    }
                    chunkLog.appendAll(next);
                    return LogPosition.of(chunkLog);
                });
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
