package io.dolphincluster.runtime.metadata;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A change to the cluster metadata, as it travels through the Raft log.
 *
 * <p>Every command is fully decided before it is submitted: times, ids and replica placement are
 * chosen by the leader and written into the command, so that every controller applying it reaches
 * the same state ({@link ClusterMetadata#apply} reads no clock and no randomness).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
    @JsonSubTypes.Type(value = MetadataCommand.RegisterNode.class, name = "registerNode"),
    @JsonSubTypes.Type(value = MetadataCommand.SetNodeState.class, name = "setNodeState"),
    @JsonSubTypes.Type(value = MetadataCommand.CreateDatabase.class, name = "createDatabase"),
    @JsonSubTypes.Type(value = MetadataCommand.DropDatabase.class, name = "dropDatabase"),
    @JsonSubTypes.Type(value = MetadataCommand.DropTable.class, name = "dropTable"),
    @JsonSubTypes.Type(value = MetadataCommand.CreateTable.class, name = "createTable"),
    @JsonSubTypes.Type(value = MetadataCommand.CreateChunk.class, name = "createChunk"),
    @JsonSubTypes.Type(value = MetadataCommand.SetReplica.class, name = "setReplica"),
    @JsonSubTypes.Type(value = MetadataCommand.SetConfig.class, name = "setConfig"),
    @JsonSubTypes.Type(value = MetadataCommand.SetNodeDraining.class, name = "setNodeDraining"),
    @JsonSubTypes.Type(value = MetadataCommand.ForgetNode.class, name = "forgetNode"),
    @JsonSubTypes.Type(value = MetadataCommand.AddReplica.class, name = "addReplica"),
    @JsonSubTypes.Type(value = MetadataCommand.SetUser.class, name = "setUser"),
    @JsonSubTypes.Type(value = MetadataCommand.SetClusterSecret.class, name = "setClusterSecret"),
    @JsonSubTypes.Type(value = MetadataCommand.RemoveUser.class, name = "removeUser"),
})
public sealed interface MetadataCommand {

    /**
     * A node announces itself (or comes back); it is registered, or its record refreshed, and
     * marked up. A node that was draining stays draining. A datanode that comes back with another
     * {@code storeId} than it had lost its disk: each of its replicas is marked out of sync, even a
     * chunk's last in-sync one (that chunk then has none and is unavailable: its data is not on any
     * replica known to be complete).
     */
    record RegisterNode(
            String alias,
            String site,
            String mode,
            String machine,
            String zone,
            long atMillis,
            String storeId)
            implements MetadataCommand {
        public RegisterNode(
                String alias,
                String site,
                String mode,
                String machine,
                String zone,
                long atMillis) {
            this(alias, site, mode, machine, zone, atMillis, null);
        }
    }

    /** The leader's failure detector (or a returning heartbeat) changes a node's state. */
    record SetNodeState(String alias, NodeState state, long atMillis, String reason)
            implements MetadataCommand {}

    /**
     * Marks a datanode draining (it receives no new replica and its replicas move elsewhere) or
     * clears the mark. Refused for an unknown node, for a node that is not a datanode, and when the
     * node is already in that state.
     */
    record SetNodeDraining(String alias, boolean draining) implements MetadataCommand {}

    /**
     * Removes a datanode from the metadata. Refused unless it holds no replica of any chunk and it
     * is draining or down; a node registering later under the same alias is a new node.
     */
    record ForgetNode(String alias) implements MetadataCommand {}

    record CreateDatabase(String name, String partitionScheme, long atMillis)
            implements MetadataCommand {}

    /** Removes a database with its tables and chunks. */
    record DropDatabase(String name) implements MetadataCommand {}

    /** Removes a table with its chunks. */
    record DropTable(String database, String name) implements MetadataCommand {}

    record CreateTable(
            String database, String name, List<ColumnDef> columns, String partitionColumn)
            implements MetadataCommand {}

    /**
     * A new chunk with replicas on {@code nodes} (placement chosen by the leader), all in sync at
     * version 0.
     */
    record CreateChunk(
            String id, String database, String table, String partitionKey, List<String> nodes)
            implements MetadataCommand {}

    /**
     * Updates one replica of a chunk in place (version, in-sync flag), adds it at the end of the
     * replica list when absent, or drops it when {@code remove}. Refused when it would leave the
     * chunk without an in-sync replica (marking out of sync, or removing, the last one): somebody
     * must stay the source of truth. Refused too when {@code expectedEpoch} is not 0 and not the
     * chunk's epoch: the caller decided on a configuration that has changed since.
     */
    record SetReplica(
            String chunkId,
            String node,
            long version,
            boolean inSync,
            boolean remove,
            long expectedEpoch)
            implements MetadataCommand {
        /** Without an epoch check. */
        public SetReplica(
                String chunkId, String node, long version, boolean inSync, boolean remove) {
            this(chunkId, node, version, inSync, remove, 0);
        }
    }

    /**
     * A new replica of a chunk, out of sync at version 0, at the end of the replica list
     * (re-replication); refused when the node already holds a replica of the chunk, so a stale
     * decision cannot reset one, and when {@code expectedEpoch} is not 0 and not the chunk's epoch.
     */
    record AddReplica(String chunkId, String node, long expectedEpoch) implements MetadataCommand {
        /** Without an epoch check. */
        public AddReplica(String chunkId, String node) {
            this(chunkId, node, 0);
        }
    }

    /**
     * Creates a user or replaces its password hash and admin flag, as compare-and-set on the hash:
     * {@code expectedPasswordHash} null applies unconditionally, empty only when the user does not
     * exist, otherwise only when the user's current hash equals it. Refused when it would take the
     * admin flag from the last admin user.
     */
    record SetUser(String name, String passwordHash, boolean admin, String expectedPasswordHash)
            implements MetadataCommand {}

    /** Removes a user; refused for an unknown user and for the last admin user. */
    record RemoveUser(String name) implements MetadataCommand {}

    /**
     * Written by earlier versions, whose first leader generated the cluster secret; kept so their
     * logs still decode. Always refused: the cluster secret is a provisioned file now and never
     * part of the metadata.
     */
    record SetClusterSecret(String secret) implements MetadataCommand {}

    /**
     * Sets one cluster-wide configuration value (the seed's "change node configuration" on the
     * leader).
     */
    record SetConfig(String key, String value) implements MetadataCommand {}
}
