package io.dolphincluster.runtime.datanode;

import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.query.Query;
import io.dolphincluster.runtime.replication.LogPosition;
import io.dolphincluster.runtime.storage.ChunkRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What one datanode asks of another, by alias. The implementation carries it over the wire
 * protocol; a failed future means the peer did not answer (or refused), and the caller decides what
 * that costs (a replica marked out of sync, another replica tried).
 */
public interface ReplicaPeers {
    /**
     * Asks {@code primary} to write rows ({@code RowBatchCodec} bytes) to its chunk and replicate
     * them (the coordinator's step).
     */
    CompletableFuture<Void> write(String primary, String chunkId, String writeId, byte[] rows);

    /**
     * Sends records to an in-sync replica of a chunk this node is primary of in {@code epoch}; the
     * answer is the replica's log position afterwards (behind the primary's when it is missing
     * earlier records). Fails when the replica refuses: it knows a later epoch, takes another node
     * for the primary, or holds other writes.
     */
    CompletableFuture<LogPosition> append(
            String replica, String chunkId, long epoch, List<ChunkRecord> records);

    /**
     * The primary's records after {@code afterSeq}, its last sequence number and its digest at
     * {@code afterSeq}.
     */
    CompletableFuture<FetchedRecords> fetch(String primary, String chunkId, long afterSeq);

    /**
     * Asks the primary to mark this replica in sync if its log is at {@code position} too; true
     * when it did, false when more records arrived meanwhile.
     */
    CompletableFuture<Boolean> catchUp(
            String primary, String chunkId, String replica, LogPosition position);

    /** Evaluates the query on one in-sync replica of a chunk; the answer is a partial result. */
    CompletableFuture<RowBatch> query(String replica, String chunkId, Query query);

    /**
     * @param afterDigest the primary's digest at the fetch's {@code afterSeq}, 0 when it has fewer
     *     records
     */
    record FetchedRecords(long primaryLastSeq, long afterDigest, List<ChunkRecord> records) {
        public FetchedRecords {
            records = List.copyOf(records);
        }
    }
}
