package io.dolphincluster.runtime.metadata;

import java.util.List;

/** One partition of a table and where its replicas live. */
public record ChunkInfo(String id, String database, String table, String partitionKey, List<ReplicaInfo> replicas) {

    public ChunkInfo {
        replicas = List.copyOf(replicas);
    }

    ChunkInfo withReplicas(List<ReplicaInfo> newReplicas) {
        return new ChunkInfo(id, database, table, partitionKey, newReplicas);
    }
}
