package io.dolphincluster.runtime.datanode;

import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.storage.ChunkRecord;
import java.util.List;

/**
 * A replica's half of the write path: it takes records only from the node it believes is the chunk's primary
 * (refreshing its metadata once when the sender looks wrong), and only in sequence: a record it already has
 * is skipped, a gap stops the append. The answer, its last sequence number, tells the primary what to resend.
 * Records are fsynced before the answer.
 */
public final class ReplicaSide {
    private final String alias;
    private final LocalReplicas replicas;
    private final MetadataView view;

    public ReplicaSide(String alias, LocalReplicas replicas, MetadataView view) {
        this.alias = alias;
        this.replicas = replicas;
        this.view = view;
    }

    public long append(String from, String chunkId, List<ChunkRecord> records) throws Exception {
        requirePrimary(from, chunkId);
        return replicas.withChunk(chunkId, chunkLog -> {
            for (ChunkRecord record : records) {
                long last = chunkLog.lastSeq();
                if (record.seq() <= last) continue;
                if (record.seq() != last + 1) break;
                chunkLog.append(record);
            }
            return chunkLog.lastSeq();
        });
    }

    private void requirePrimary(String from, String chunkId) throws Exception {
        if (isPrimary(from, chunkId)) return;
        view.refresh();
        if (!isPrimary(from, chunkId)) {
            throw new NotPrimaryException(alias + " does not take " + from + " for the primary of chunk " + chunkId);
        }
    }

    private boolean isPrimary(String from, String chunkId) {
        ChunkInfo chunk = view.chunk(chunkId).orElse(null);
        if (chunk == null) return false;
        boolean holdsReplica = chunk.replicas().stream().anyMatch(r -> r.node().equals(alias));
        return holdsReplica && view.isPrimary(chunk, from);
    }
}
