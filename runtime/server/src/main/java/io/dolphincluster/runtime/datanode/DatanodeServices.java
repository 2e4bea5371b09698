package io.dolphincluster.runtime.datanode;

/** The parts of a datanode that answer requests, wired once by {@link DatanodeNode}. */
record DatanodeServices(
        MetadataView view,
        LocalReplicas replicas,
        SchemaService schema,
        WriteCoordinator writes,
        ReadCoordinator reads,
        ReplicationPath replication,
        ReplicaSide replicaSide,
        ChunkReader chunkReader) {}
