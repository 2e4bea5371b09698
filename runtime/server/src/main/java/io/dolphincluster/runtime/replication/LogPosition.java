package io.dolphincluster.runtime.replication;

import io.dolphincluster.runtime.storage.ChunkLog;

/**
 * Where a replica's log ends and what it holds up to there: its last sequence number and the digest
 * of its records 1..lastSeq. Two replicas at equal positions hold the same writes in the same
 * order.
 */
public record LogPosition(long lastSeq, long digest) {

    public static LogPosition of(ChunkLog log) {
        long last = log.lastSeq();
        return new LogPosition(last, log.digestAt(last));
    }

    @Override
    public String toString() {
        return lastSeq + "/" + Long.toHexString(digest);
    }
}
