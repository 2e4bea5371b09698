package io.dolphincluster.runtime.metadata;

import java.util.List;
import java.util.Optional;

/**
 * One partition of a table and where its replicas live.
 *
 * @param replicas the replicas in order; the <em>primary</em> is the first in-sync one ({@link
 *     #primary()})
 * @param epoch the version of the replica configuration (members, in-sync flags, hence the
 *     primary): 1 when the chunk is created, one more with every change. Changes are
 *     compare-and-set on it, and a datanode acting on a chunk says which epoch it acts in, so a
 *     node working from an older configuration is refused.
 */
public record ChunkInfo(
        String id,
        String database,
        String table,
        String partitionKey,
        List<ReplicaInfo> replicas,
        long epoch) {

    public ChunkInfo {
        replicas = List.copyOf(replicas);
    }

    /** A chunk at its first epoch. */
    public ChunkInfo(
            String id,
            String database,
            String table,
            String partitionKey,
            List<ReplicaInfo> replicas) {
        this(id, database, table, partitionKey, replicas, 1);
    }

    /**
     * The node that orders this chunk's writes in this epoch: its first in-sync replica, if any.
     */
    public Optional<String> primary() {
        return replicas.stream().filter(ReplicaInfo::inSync).map(ReplicaInfo::node).findFirst();
    }

    public boolean isPrimary(String node) {
        return primary().filter(node::equals).isPresent();
    }

    /** The nodes of the in-sync replicas, in replica-list order. */
    public List<String> inSyncNodes() {
        return replicas.stream().filter(ReplicaInfo::inSync).map(ReplicaInfo::node).toList();
    }

    public boolean isInSync(String node) {
        return replicaOn(node).map(ReplicaInfo::inSync).orElse(false);
    }

    public Optional<ReplicaInfo> replicaOn(String node) {
        return replicas.stream().filter(r -> r.node().equals(node)).findFirst();
    }

    /** The next epoch's chunk with {@code newReplicas}. */
    ChunkInfo withReplicas(List<ReplicaInfo> newReplicas) {
        return new ChunkInfo(id, database, table, partitionKey, newReplicas, epoch + 1);
    }
}
