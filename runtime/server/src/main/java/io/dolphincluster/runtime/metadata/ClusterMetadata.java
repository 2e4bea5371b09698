package io.dolphincluster.runtime.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The cluster metadata held by every controller: registered nodes, databases, tables, chunks with
 * their replicas, cluster-wide settings, users with their password hashes and roles.
 *
 * <p>A plain, deterministic state: {@link #apply} depends only on the current state and the
 * command, so every controller that applies the same log reaches the same metadata. Methods are
 * synchronized: the Raft apply thread writes while HTTP threads read {@link #snapshot()}.
 *
 * <p>Invariant: a chunk created with replicas keeps at least one in-sync replica; commands that
 * would take away the last one are refused. The one exception is a datanode that registers with a
 * new chunk store (its disk was lost): its replicas are no longer complete, whatever the metadata
 * said, so they are all marked out of sync. Every change to a chunk's replicas advances its {@link
 * ChunkInfo#epoch()}.
 */
public final class ClusterMetadata {
    private final Map<String, NodeInfo> nodes = new TreeMap<>();
    private final Map<String, DatabaseInfo> databases = new TreeMap<>();
    private final Map<String, TableInfo> tables = new TreeMap<>();
    private final Map<String, ChunkInfo> chunks = new TreeMap<>();
    private final Map<String, String> config = new TreeMap<>();
    private final Map<String, UserInfo> users = new TreeMap<>();
    private long appliedIndex;

    /**
     * Applies {@code command}, the Raft log entry at {@code index}; {@link #versioned()} then
     * answers that index.
     */
    public synchronized CommandResult apply(MetadataCommand command, long index) {
        CommandResult result = apply(command);
        appliedIndex = index;
        return result;
    }

    public synchronized CommandResult apply(MetadataCommand command) {
        if (command instanceof MetadataCommand.RegisterNode c) return registerNode(c);
        if (command instanceof MetadataCommand.SetNodeState c) return setNodeState(c);
        if (command instanceof MetadataCommand.CreateDatabase c) return createDatabase(c);
        if (command instanceof MetadataCommand.DropDatabase c) return dropDatabase(c);
        if (command instanceof MetadataCommand.DropTable c) return dropTable(c);
        if (command instanceof MetadataCommand.CreateTable c) return createTable(c);
        if (command instanceof MetadataCommand.CreateChunk c) return createChunk(c);
        if (command instanceof MetadataCommand.SetReplica c) return setReplica(c);
        if (command instanceof MetadataCommand.AddReplica c) return addReplica(c);
        if (command instanceof MetadataCommand.SetUser c) return setUser(c);
        if (command instanceof MetadataCommand.RemoveUser c) return removeUser(c);
        if (command instanceof MetadataCommand.SetClusterSecret) {
            return CommandResult.refused(
                    "ignored: the cluster secret is a provisioned file, never part of the metadata");
        }
        if (command instanceof MetadataCommand.SetNodeDraining c) return setNodeDraining(c);
        if (command instanceof MetadataCommand.ForgetNode c) return forgetNode(c);
        if (command instanceof MetadataCommand.SetConfig c) {
            config.put(c.key(), c.value());
            return CommandResult.ok("set " + c.key());
        }
        throw new IllegalArgumentException("unknown command " + command);
    }

    private CommandResult registerNode(MetadataCommand.RegisterNode c) {
        NodeInfo previous = nodes.get(c.alias());
        long registeredAt = previous == null ? c.atMillis() : previous.registeredAtMillis();
        boolean draining =
                previous != null && previous.draining(); // a pod restarted mid-drain keeps draining
        String storeId =
                c.storeId() != null ? c.storeId() : previous == null ? null : previous.storeId();
        nodes.put(
                c.alias(),
                new NodeInfo(
                        c.alias(),
                        c.site(),
                        c.mode(),
                        c.machine(),
                        c.zone(),
                        NodeState.UP,
                        registeredAt,
                        c.atMillis(),
                        draining,
                        storeId));
        if (previous != null
                && previous.storeId() != null
                && c.storeId() != null
                && !previous.storeId().equals(c.storeId())) {
            int lost = markReplicasLost(c.alias());
            return CommandResult.ok(
                    "re-registered "
                            + c.alias()
                            + " with a new chunk store "
                            + c.storeId()
                            + " (was "
                            + previous.storeId()
                            + "): "
                            + lost
                            + " replica(s) marked out of sync");
        }
        return CommandResult.ok(
                previous == null ? "registered " + c.alias() : "re-registered " + c.alias());
    }

    /**
     * Marks every in-sync replica on {@code node} out of sync, the last one of a chunk included;
     * returns how many.
     */
    private int markReplicasLost(String node) {
        int marked = 0;
        for (ChunkInfo chunk : List.copyOf(chunks.values())) {
            int index = indexOf(chunk.replicas(), node);
            if (index < 0 || !chunk.replicas().get(index).inSync()) continue;
            List<ReplicaInfo> replicas = new ArrayList<>(chunk.replicas());
            replicas.set(index, new ReplicaInfo(node, 0, false));
            chunks.put(chunk.id(), chunk.withReplicas(replicas));
            marked++;
        }
        return marked;
    }

    private static CommandResult staleEpoch(ChunkInfo chunk, long expectedEpoch) {
        return CommandResult.refused(
                "chunk " + chunk.id() + " is at epoch " + chunk.epoch() + ", not " + expectedEpoch);
    }

    private CommandResult setNodeState(MetadataCommand.SetNodeState c) {
        NodeInfo node = nodes.get(c.alias());
        if (node == null) return CommandResult.refused("unknown node " + c.alias());
        if (node.state() == c.state())
            return CommandResult.refused(c.alias() + " is already " + c.state());
        nodes.put(c.alias(), node.withState(c.state(), c.atMillis()));
        return CommandResult.ok(c.alias() + " is " + c.state());
    }

    private CommandResult setNodeDraining(MetadataCommand.SetNodeDraining c) {
        NodeInfo node = nodes.get(c.alias());
        if (node == null) return CommandResult.refused("unknown node " + c.alias());
        if (!"datanode".equals(node.mode()))
            return CommandResult.refused(c.alias() + " is not a datanode but " + node.mode());
        if (node.draining() == c.draining()) {
            return CommandResult.refused(
                    c.alias() + (c.draining() ? " is already draining" : " is not draining"));
        }
        nodes.put(c.alias(), node.withDraining(c.draining()));
        return CommandResult.ok(
                c.alias() + (c.draining() ? " is draining" : " is no longer draining"));
    }

    private CommandResult forgetNode(MetadataCommand.ForgetNode c) {
        NodeInfo node = nodes.get(c.alias());
        if (node == null) return CommandResult.refused("unknown node " + c.alias());
        if (!"datanode".equals(node.mode()))
            return CommandResult.refused(c.alias() + " is not a datanode but " + node.mode());
        if (!node.draining() && node.state() != NodeState.DOWN) {
            return CommandResult.refused(
                    c.alias() + " is " + node.state() + " and not draining: drain it first");
        }
        long held = replicaCount(c.alias());
        if (held > 0)
            return CommandResult.refused(c.alias() + " still holds " + held + " chunk replica(s)");
        nodes.remove(c.alias());
        return CommandResult.ok("forgot " + c.alias());
    }

    private long replicaCount(String node) {
        return chunks.values().stream().filter(ch -> indexOf(ch.replicas(), node) >= 0).count();
    }

    private CommandResult createDatabase(MetadataCommand.CreateDatabase c) {
        if (databases.containsKey(c.name()))
            return CommandResult.refused("database " + c.name() + " exists");
        databases.put(c.name(), new DatabaseInfo(c.name(), c.partitionScheme(), c.atMillis()));
        return CommandResult.ok("created database " + c.name());
    }

    private CommandResult dropDatabase(MetadataCommand.DropDatabase c) {
        if (databases.remove(c.name()) == null)
            return CommandResult.refused("no database " + c.name());
        tables.values().removeIf(t -> t.database().equals(c.name()));
        chunks.values().removeIf(ch -> ch.database().equals(c.name()));
        return CommandResult.ok("dropped database " + c.name());
    }

    private CommandResult dropTable(MetadataCommand.DropTable c) {
        if (tables.remove(c.database() + "/" + c.name()) == null) {
            return CommandResult.refused("no table " + c.name() + " in database " + c.database());
        }
        chunks.values()
                .removeIf(ch -> ch.database().equals(c.database()) && ch.table().equals(c.name()));
        return CommandResult.ok("dropped table " + c.database() + "/" + c.name());
    }

    private CommandResult createTable(MetadataCommand.CreateTable c) {
        if (!databases.containsKey(c.database()))
            return CommandResult.refused("no database " + c.database());
        TableInfo table = new TableInfo(c.database(), c.name(), c.columns(), c.partitionColumn());
        if (tables.containsKey(table.key()))
            return CommandResult.refused("table " + table.key() + " exists");
        if (c.columns().stream().noneMatch(col -> col.name().equals(c.partitionColumn()))) {
            return CommandResult.refused(
                    "partition column "
                            + c.partitionColumn()
                            + " is not a column of "
                            + table.key());
        }
        tables.put(table.key(), table);
        return CommandResult.ok("created table " + table.key());
    }

    private CommandResult createChunk(MetadataCommand.CreateChunk c) {
        if (chunks.containsKey(c.id())) return CommandResult.refused("chunk " + c.id() + " exists");
        if (!tables.containsKey(c.database() + "/" + c.table())) {
            return CommandResult.refused("no table " + c.database() + "/" + c.table());
        }
        List<ReplicaInfo> replicas = new ArrayList<>();
        for (String node : c.nodes()) {
            if (!nodes.containsKey(node)) return CommandResult.refused("unknown node " + node);
            replicas.add(new ReplicaInfo(node, 0, true));
        }
        chunks.put(
                c.id(), new ChunkInfo(c.id(), c.database(), c.table(), c.partitionKey(), replicas));
        return CommandResult.ok("created chunk " + c.id() + " on " + c.nodes());
    }

    private CommandResult setReplica(MetadataCommand.SetReplica c) {
        ChunkInfo chunk = chunks.get(c.chunkId());
        if (chunk == null) return CommandResult.refused("no chunk " + c.chunkId());
        if (c.expectedEpoch() != 0 && c.expectedEpoch() != chunk.epoch())
            return staleEpoch(chunk, c.expectedEpoch());
        List<ReplicaInfo> replicas = new ArrayList<>(chunk.replicas());
        int index = indexOf(replicas, c.node());
        if (c.remove() && index < 0)
            return CommandResult.refused("chunk " + c.chunkId() + " has no replica on " + c.node());
        if (!c.remove() && !nodes.containsKey(c.node()))
            return CommandResult.refused("unknown node " + c.node());
        boolean losesSync =
                index >= 0 && replicas.get(index).inSync() && (c.remove() || !c.inSync());
        if (losesSync && replicas.stream().filter(ReplicaInfo::inSync).count() == 1) {
            return CommandResult.refused(
                    "the replica of "
                            + c.chunkId()
                            + " on "
                            + c.node()
                            + " is its last in-sync replica: it cannot be "
                            + (c.remove() ? "removed" : "marked out of sync"));
        }
        if (c.remove()) {
            replicas.remove(index);
        } else if (index >= 0 && c.inSync() && !replicas.get(index).inSync()) {
            // Back in sync: it goes last, so the primary (the first in-sync replica) stays where
            // the writes are.
            replicas.remove(index);
            replicas.add(new ReplicaInfo(c.node(), c.version(), true));
        } else if (index >= 0) {
            replicas.set(
                    index,
                    new ReplicaInfo(
                            c.node(),
                            c.version(),
                            c.inSync())); // in place: the primary stays first
        } else {
            replicas.add(new ReplicaInfo(c.node(), c.version(), c.inSync()));
        }
        chunks.put(c.chunkId(), chunk.withReplicas(replicas));
        return CommandResult.ok(
                "replica of "
                        + c.chunkId()
                        + " on "
                        + c.node()
                        + (c.remove() ? " removed" : " set"));
    }

    private CommandResult addReplica(MetadataCommand.AddReplica c) {
        ChunkInfo chunk = chunks.get(c.chunkId());
        if (chunk == null) return CommandResult.refused("no chunk " + c.chunkId());
        if (c.expectedEpoch() != 0 && c.expectedEpoch() != chunk.epoch())
            return staleEpoch(chunk, c.expectedEpoch());
        if (!nodes.containsKey(c.node())) return CommandResult.refused("unknown node " + c.node());
        if (indexOf(chunk.replicas(), c.node()) >= 0) {
            return CommandResult.refused(
                    "chunk " + c.chunkId() + " already has a replica on " + c.node());
        }
        List<ReplicaInfo> replicas = new ArrayList<>(chunk.replicas());
        replicas.add(new ReplicaInfo(c.node(), 0, false));
        chunks.put(c.chunkId(), chunk.withReplicas(replicas));
        return CommandResult.ok("replica of " + c.chunkId() + " added on " + c.node());
    }

    private static int indexOf(List<ReplicaInfo> replicas, String node) {
        for (int i = 0; i < replicas.size(); i++) {
            if (replicas.get(i).node().equals(node)) return i;
        }
        return -1;
    }

    private CommandResult setUser(MetadataCommand.SetUser c) {
        UserInfo current = users.get(c.name());
        String expected = c.expectedPasswordHash();
        if (expected != null) {
            if (expected.isEmpty() && current != null)
                return CommandResult.refused("user " + c.name() + " exists");
            if (!expected.isEmpty() && current == null)
                return CommandResult.refused("no user " + c.name());
            if (!expected.isEmpty() && !expected.equals(current.passwordHash())) {
                return CommandResult.refused("the password of " + c.name() + " changed meanwhile");
            }
        }
        if (current != null && current.admin() && !c.admin() && isLastAdmin(c.name())) {
            return CommandResult.refused(
                    c.name() + " is the last admin user: make another user an admin first");
        }
        users.put(c.name(), new UserInfo(c.name(), c.passwordHash(), c.admin()));
        return CommandResult.ok(
                current == null ? "created user " + c.name() : "updated user " + c.name());
    }

    private CommandResult removeUser(MetadataCommand.RemoveUser c) {
        UserInfo current = users.get(c.name());
        if (current == null) return CommandResult.refused("no user " + c.name());
        if (current.admin() && isLastAdmin(c.name())) {
            return CommandResult.refused(
                    c.name() + " is the last admin user: make another user an admin first");
        }
        users.remove(c.name());
        return CommandResult.ok("removed user " + c.name());
    }

    private boolean isLastAdmin(String name) {
        return users.values().stream().noneMatch(u -> u.admin() && !u.name().equals(name));
    }

    /** The registered nodes, without copying the rest of the metadata. */
    public synchronized List<NodeInfo> nodes() {
        return List.copyOf(nodes.values());
    }

    public synchronized Optional<NodeInfo> node(String alias) {
        return Optional.ofNullable(nodes.get(alias));
    }

    /** How many chunks have a replica (in sync or not) on {@code node}. */
    public synchronized long replicasOn(String node) {
        return replicaCount(node);
    }

    public synchronized boolean hasDatabase(String name) {
        return databases.containsKey(name);
    }

    public synchronized boolean hasTable(String database, String name) {
        return tables.containsKey(database + "/" + name);
    }

    public synchronized Optional<ChunkInfo> chunk(String id) {
        return Optional.ofNullable(chunks.get(id));
    }

    /** The chunks of one database (and table, when not null), by id. */
    public synchronized List<ChunkInfo> chunks(String database, String table) {
        return chunks.values().stream()
                .filter(c -> database == null || c.database().equals(database))
                .filter(c -> table == null || c.table().equals(table))
                .toList();
    }

    public synchronized List<UserInfo> users() {
        return List.copyOf(users.values());
    }

    public synchronized Optional<UserInfo> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    /** The metadata with the index of the last log entry applied to it, read together. */
    public synchronized Versioned versioned() {
        return new Versioned(snapshot(), appliedIndex);
    }

    /**
     * A copy of the metadata and the Raft index it reflects: a later copy never has a lower index.
     */
    public record Versioned(MetadataSnapshot snapshot, long appliedIndex) {}

    public synchronized MetadataSnapshot snapshot() {
        return new MetadataSnapshot(
                List.copyOf(nodes.values()),
                List.copyOf(databases.values()),
                List.copyOf(tables.values()),
                List.copyOf(chunks.values()),
                config,
                List.copyOf(users.values()));
    }

    /**
     * A copy of the nodes and chunks only, the other parts left empty: what replica placement and
     * recovery read, without copying every config key and user each time.
     */
    public synchronized MetadataSnapshot placementSnapshot() {
        return new MetadataSnapshot(
                List.copyOf(nodes.values()),
                List.of(),
                List.of(),
                List.copyOf(chunks.values()),
                Map.of(),
                List.of());
    }

    /**
     * Replaces the whole state with a snapshot's (on start-up and when the leader installs a
     * snapshot).
     */
    public synchronized void restore(MetadataSnapshot snapshot, long index) {
        restore(snapshot);
        appliedIndex = index;
    }

    public synchronized void restore(MetadataSnapshot snapshot) {
        nodes.clear();
        databases.clear();
        tables.clear();
        chunks.clear();
        config.clear();
        users.clear();
        snapshot.nodes().forEach(n -> nodes.put(n.alias(), n));
        snapshot.databases().forEach(d -> databases.put(d.name(), d));
        snapshot.tables().forEach(t -> tables.put(t.key(), t));
        snapshot.chunks().forEach(c -> chunks.put(c.id(), c));
        config.putAll(snapshot.config());
        snapshot.users().forEach(u -> users.put(u.name(), u));
    }
}
