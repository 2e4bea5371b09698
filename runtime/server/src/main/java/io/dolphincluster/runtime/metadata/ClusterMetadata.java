package io.dolphincluster.runtime.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The cluster metadata held by every controller: registered nodes, databases, tables, chunks with their
 * replicas, and cluster-wide settings.
 *
 * <p>A plain, deterministic state: {@link #apply} depends only on the current state and the command,
 * so every controller that applies the same log reaches the same metadata. Methods are synchronized:
 * the Raft apply thread writes while HTTP threads read {@link #snapshot()}.
 */
public final class ClusterMetadata {
    private final Map<String, NodeInfo> nodes = new TreeMap<>();
    private final Map<String, DatabaseInfo> databases = new TreeMap<>();
    private final Map<String, TableInfo> tables = new TreeMap<>();
    private final Map<String, ChunkInfo> chunks = new TreeMap<>();
    private final Map<String, String> config = new TreeMap<>();

    public synchronized CommandResult apply(MetadataCommand command) {
        if (command instanceof MetadataCommand.RegisterNode c) return registerNode(c);
        if (command instanceof MetadataCommand.SetNodeState c) return setNodeState(c);
        if (command instanceof MetadataCommand.CreateDatabase c) return createDatabase(c);
        if (command instanceof MetadataCommand.DropDatabase c) return dropDatabase(c);
        if (command instanceof MetadataCommand.CreateTable c) return createTable(c);
        if (command instanceof MetadataCommand.CreateChunk c) return createChunk(c);
        if (command instanceof MetadataCommand.SetReplica c) return setReplica(c);
        if (command instanceof MetadataCommand.SetConfig c) {
            config.put(c.key(), c.value());
            return CommandResult.ok("set " + c.key());
        }
        throw new IllegalArgumentException("unknown command " + command);
    }

    private CommandResult registerNode(MetadataCommand.RegisterNode c) {
        NodeInfo previous = nodes.get(c.alias());
        long registeredAt = previous == null ? c.atMillis() : previous.registeredAtMillis();
        nodes.put(c.alias(), new NodeInfo(c.alias(), c.site(), c.mode(), c.machine(), c.zone(), NodeState.UP,
                registeredAt, c.atMillis()));
        return CommandResult.ok(previous == null ? "registered " + c.alias() : "re-registered " + c.alias());
    }

    private CommandResult setNodeState(MetadataCommand.SetNodeState c) {
        NodeInfo node = nodes.get(c.alias());
        if (node == null) return CommandResult.refused("unknown node " + c.alias());
        if (node.state() == c.state()) return CommandResult.refused(c.alias() + " is already " + c.state());
        nodes.put(c.alias(), node.withState(c.state(), c.atMillis()));
        return CommandResult.ok(c.alias() + " is " + c.state());
    }

    private CommandResult createDatabase(MetadataCommand.CreateDatabase c) {
        if (databases.containsKey(c.name())) return CommandResult.refused("database " + c.name() + " exists");
        databases.put(c.name(), new DatabaseInfo(c.name(), c.partitionScheme(), c.atMillis()));
        return CommandResult.ok("created database " + c.name());
    }

    private CommandResult dropDatabase(MetadataCommand.DropDatabase c) {
        if (databases.remove(c.name()) == null) return CommandResult.refused("no database " + c.name());
        tables.values().removeIf(t -> t.database().equals(c.name()));
        chunks.values().removeIf(ch -> ch.database().equals(c.name()));
        return CommandResult.ok("dropped database " + c.name());
    }

    private CommandResult createTable(MetadataCommand.CreateTable c) {
        if (!databases.containsKey(c.database())) return CommandResult.refused("no database " + c.database());
        TableInfo table = new TableInfo(c.database(), c.name(), c.columns(), c.partitionColumn());
        if (tables.containsKey(table.key())) return CommandResult.refused("table " + table.key() + " exists");
        if (c.columns().stream().noneMatch(col -> col.name().equals(c.partitionColumn()))) {
            return CommandResult.refused("partition column " + c.partitionColumn() + " is not a column of " + table.key());
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
        chunks.put(c.id(), new ChunkInfo(c.id(), c.database(), c.table(), c.partitionKey(), replicas));
        return CommandResult.ok("created chunk " + c.id() + " on " + c.nodes());
    }

    private CommandResult setReplica(MetadataCommand.SetReplica c) {
        ChunkInfo chunk = chunks.get(c.chunkId());
        if (chunk == null) return CommandResult.refused("no chunk " + c.chunkId());
        List<ReplicaInfo> replicas = new ArrayList<>(chunk.replicas());
        boolean existed = replicas.removeIf(r -> r.node().equals(c.node()));
        if (c.remove() && !existed) return CommandResult.refused("chunk " + c.chunkId() + " has no replica on " + c.node());
        if (!c.remove()) {
            if (!nodes.containsKey(c.node())) return CommandResult.refused("unknown node " + c.node());
            replicas.add(new ReplicaInfo(c.node(), c.version(), c.inSync()));
        }
        chunks.put(c.chunkId(), chunk.withReplicas(replicas));
        return CommandResult.ok("replica of " + c.chunkId() + " on " + c.node() + (c.remove() ? " removed" : " set"));
    }

    /** The registered nodes, without copying the rest of the metadata. */
    public synchronized List<NodeInfo> nodes() {
        return List.copyOf(nodes.values());
    }

    public synchronized Optional<NodeInfo> node(String alias) {
        return Optional.ofNullable(nodes.get(alias));
    }

    public synchronized MetadataSnapshot snapshot() {
        return new MetadataSnapshot(List.copyOf(nodes.values()), List.copyOf(databases.values()),
                List.copyOf(tables.values()), List.copyOf(chunks.values()), config);
    }

    /** Replaces the whole state with a snapshot's (on start-up and when the leader installs a snapshot). */
    public synchronized void restore(MetadataSnapshot snapshot) {
        nodes.clear();
        databases.clear();
        tables.clear();
        chunks.clear();
        config.clear();
        snapshot.nodes().forEach(n -> nodes.put(n.alias(), n));
        snapshot.databases().forEach(d -> databases.put(d.name(), d));
        snapshot.tables().forEach(t -> tables.put(t.key(), t));
        snapshot.chunks().forEach(c -> chunks.put(c.id(), c));
        config.putAll(snapshot.config());
    }
}
