package io.dolphincluster.runtime.datanode;

import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.query.Query;
import io.dolphincluster.runtime.storage.ChunkRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What one datanode asks of another, by alias. The implementation carries it over the wire protocol; a
 * failed future means the peer did not answer (or refused), and the caller decides what that costs
 * (a replica marked out of sync, another replica tried).
 */
public interface ReplicaPeers {
    /**
     * Asks {@code primary} to write rows ({@code RowBatchCodec} bytes) to its chunk and replicate them (the
     * coordinator's step).
     */
    CompletableFuture<Void> write(String primary, String chunkId, String writeId, byte[] rows);

    /**
     * Sends records to a replica of a chunk this node is primary of; the answer is the replica's last sequence
     * number afterwards (lower than the primary's when it is missing earlier records).
     */
    CompletableFuture<Long> append(String replica, String chunkId, List<ChunkRecord> records);

    /** The primary's records after {@code afterSeq}, and its last sequence number. */
    CompletableFuture<FetchedRecords> fetch(String primary, String chunkId, long afterSeq);

    /**
     * Asks the primary to mark this replica in sync if it has every record up to {@code lastSeq}; true when it
     * did, false when more records arrived meanwhile.
     */
    CompletableFuture<Boolean> catchUp(String primary, String chunkId, String replica, long lastSeq);

    /** Evaluates the query on one in-sync replica of a chunk; the answer is a partial result. */
    CompletableFuture<RowBatch> query(String replica, String chunkId, Query query);

    record FetchedRecords(long primaryLastSeq, List<ChunkRecord> records) {
        public FetchedRecords {
            records = List.copyOf(records);
        }
    }
}
