package io.dolphincluster.runtime.datanode;

import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.replication.AppendRule;
import io.dolphincluster.runtime.replication.LogPosition;
import io.dolphincluster.runtime.storage.ChunkLog;
import io.dolphincluster.runtime.storage.ChunkRecord;
import java.util.List;

/**
 * A replica's half of the write path: under the chunk's lock, {@link AppendRule} decides whether
 * the records are taken; those taken are appended and fsynced before the answer, this replica's
 * {@link LogPosition}, which tells the primary what to resend and whether the logs agree. A view
 * behind the sender's epoch is refreshed first.
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

    public LogPosition append(String from, String chunkId, long epoch, List<ChunkRecord> records)
            throws Exception {
        ChunkInfo known = view.chunk(chunkId).orElse(null);
        if (known == null || known.epoch() < epoch) view.refresh();
        return replicas.withChunk(
                chunkId,
                chunkLog -> {
                    AppendRule.Decision decision =
                            AppendRule.decide(
                                    alias,
                                    view.chunk(chunkId).orElse(null),
                                    from,
                                    epoch,
                                    localLog(chunkLog),
                                    records);
                    if (decision instanceof AppendRule.Decision.Refuse refuse) {
                        throw new ReplicaRefusedException(refuse.refusal(), refuse.message());
                    }
                    chunkLog.appendAll(((AppendRule.Decision.Take) decision).toAppend());
                    return LogPosition.of(chunkLog);
                });
    }

    private static AppendRule.LocalLog localLog(ChunkLog chunkLog) {
        return new AppendRule.LocalLog() {
            @Override
            public long lastSeq() {
                return chunkLog.lastSeq();
            }

            @Override
            public long seqOf(String writeId) {
                return chunkLog.seqOf(writeId);
            }
        };
    }
}
