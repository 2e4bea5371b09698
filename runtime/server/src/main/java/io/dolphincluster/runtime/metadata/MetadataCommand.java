package io.dolphincluster.runtime.metadata;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A change to the cluster metadata, as it travels through the Raft log.
 *
 * <p>Every command is fully decided before it is submitted: times, ids and replica placement are chosen
 * by the leader and written into the command, so that every controller applying it reaches the same
 * state ({@link ClusterMetadata#apply} reads no clock and no randomness).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
        @JsonSubTypes.Type(value = MetadataCommand.RegisterNode.class, name = "registerNode"),
        @JsonSubTypes.Type(value = MetadataCommand.SetNodeState.class, name = "setNodeState"),
        @JsonSubTypes.Type(value = MetadataCommand.CreateDatabase.class, name = "createDatabase"),
        @JsonSubTypes.Type(value = MetadataCommand.DropDatabase.class, name = "dropDatabase"),
        @JsonSubTypes.Type(value = MetadataCommand.CreateTable.class, name = "createTable"),
        @JsonSubTypes.Type(value = MetadataCommand.CreateChunk.class, name = "createChunk"),
        @JsonSubTypes.Type(value = MetadataCommand.SetReplica.class, name = "setReplica"),
        @JsonSubTypes.Type(value = MetadataCommand.SetConfig.class, name = "setConfig"),
})
public sealed interface MetadataCommand {

    /** A node announces itself (or comes back); it is registered, or its record refreshed, and marked up. */
    record RegisterNode(String alias, String site, String mode, String machine, String zone, long atMillis)
            implements MetadataCommand {}

    /** The leader's failure detector (or a returning heartbeat) changes a node's state. */
    record SetNodeState(String alias, NodeState state, long atMillis, String reason) implements MetadataCommand {}

    record CreateDatabase(String name, String partitionScheme, long atMillis) implements MetadataCommand {}

    /** Removes a database with its tables and chunks. */
    record DropDatabase(String name) implements MetadataCommand {}

    record CreateTable(String database, String name, List<ColumnDef> columns, String partitionColumn)
            implements MetadataCommand {}

    /** A new chunk with replicas on {@code nodes} (placement chosen by the leader), all in sync at version 0. */
    record CreateChunk(String id, String database, String table, String partitionKey, List<String> nodes)
            implements MetadataCommand {}

    /** Adds or updates one replica of a chunk (version, in-sync flag); {@code remove} drops it. */
    record SetReplica(String chunkId, String node, long version, boolean inSync, boolean remove)
            implements MetadataCommand {}

    /** Sets one cluster-wide configuration value (the seed's "change node configuration" on the leader). */
    record SetConfig(String key, String value) implements MetadataCommand {}
}
