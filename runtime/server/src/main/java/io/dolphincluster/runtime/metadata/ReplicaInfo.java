package io.dolphincluster.runtime.metadata;

/**
 * One copy of a chunk on one datanode.
 *
 * @param version the chunk version this replica has durably stored
 * @param inSync whether the replica has every acknowledged write; one that is not is never read
 *     from
 */
public record ReplicaInfo(String node, long version, boolean inSync) {}
