package io.dolphincluster.runtime.datanode;

import io.dolphincluster.runtime.http.Json;
import io.dolphincluster.runtime.link.ControllerLink;
import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.metadata.DatabaseInfo;
import io.dolphincluster.runtime.metadata.MetadataSnapshot;
import io.dolphincluster.runtime.metadata.NodeInfo;
import io.dolphincluster.runtime.metadata.NodeState;
import io.dolphincluster.runtime.metadata.ReplicaInfo;
import io.dolphincluster.runtime.metadata.TableInfo;
import io.dolphincluster.runtime.query.TableLayout;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A datanode's copy of the cluster metadata, fetched from the controller leader. It answers the questions
 * of the write and read paths: which chunks a table has, which replica is a chunk's primary, which replicas
 * are in sync, where a node listens. The copy may be a moment old; every decision that depends on it is
 * checked again by the node that acts on it (a replica refuses writes from a node it does not take for the
 * primary), and {@link #refresh()} fetches a fresh copy when an answer looks stale.
 */
public final class MetadataView {
    private final ControllerLink link;
    private volatile MetadataSnapshot current = MetadataSnapshot.empty();
    private volatile boolean loaded;
    private volatile int replicationFactor;

    public MetadataView(ControllerLink link) {
        this.link = link;
    }

    /**
     * Fetches the leader's metadata; throws when no leader answers within the link's deadline. Refreshes run one at a
     * time, so a slow answer can never replace a newer one that a later refresh already installed.
     */
    public synchronized MetadataSnapshot refresh() throws IOException, InterruptedException {
        ControllerLink.Answer answer = link.get("/api/metadata");
        if (!answer.ok()) throw new IOException("metadata: controller answered " + answer.status() + ": " + answer.error());
        MetadataSnapshot snapshot = Json.MAPPER.treeToValue(answer.body(), MetadataSnapshot.class);
        replicationFactor = answer.body().path("replicationFactor").asInt(0);
        current = snapshot;
        loaded = true;
        return snapshot;
    }

    public boolean loaded() {
        return loaded;
    }

    /** The controllers' {@code dfsReplicationFactor}, or 0 before the first refresh (or from an older controller). */
    public int replicationFactor() {
        return replicationFactor;
    }

    public MetadataSnapshot snapshot() {
        return current;
    }

    public Optional<DatabaseInfo> database(String name) {
        return current.databases().stream().filter(d -> d.name().equals(name)).findFirst();
    }

    public Optional<TableInfo> table(String database, String table) {
        return current.tables().stream().filter(t -> t.database().equals(database) && t.name().equals(table)).findFirst();
    }

    public List<ChunkInfo> chunks(String database, String table) {
        return current.chunks().stream().filter(c -> c.database().equals(database) && c.table().equals(table)).toList();
    }

    /** The table's layout (schema, partition column and scheme); refreshes once when the table is not known yet. */
    public TableLayout layout(String database, String table) throws IOException, InterruptedException {
        if (table(database, table).isEmpty()) refresh();
        TableInfo info = table(database, table).orElseThrow(() -> new IllegalArgumentException("no table " + table + " in " + database));
        DatabaseInfo db = database(database).orElseThrow(() -> new IllegalArgumentException("no database " + database));
        return TableLayout.of(db, info);
    }

    public Optional<ChunkInfo> chunk(String chunkId) {
        return current.chunks().stream().filter(c -> c.id().equals(chunkId)).findFirst();
    }

    public Optional<ChunkInfo> chunk(String database, String table, String partitionKey) {
        return chunks(database, table).stream().filter(c -> c.partitionKey().equals(partitionKey)).findFirst();
    }

    public Optional<NodeInfo> node(String alias) {
        return current.nodes().stream().filter(n -> n.alias().equals(alias)).findFirst();
    }

    public boolean isUp(String alias) {
        return node(alias).map(n -> n.state() == NodeState.UP).orElse(false);
    }

    /** The chunk's primary: its first in-sync replica on a node that is up. */
    public Optional<String> primaryOf(ChunkInfo chunk) {
        return chunk.replicas().stream().filter(ReplicaInfo::inSync).map(ReplicaInfo::node).filter(this::isUp).findFirst();
    }

    /** Whether {@code node} is the chunk's primary, as this view has it. */
    public boolean isPrimary(ChunkInfo chunk, String node) {
        return primaryOf(chunk).filter(node::equals).isPresent();
    }

    /** The in-sync replicas on live nodes, in replica-list order: those a read may use. */
    public List<String> readableReplicas(ChunkInfo chunk) {
        return chunk.replicas().stream().filter(ReplicaInfo::inSync).map(ReplicaInfo::node).filter(this::isUp).toList();
    }

    /** Live datanodes (for clients that fail over), as {@code host:port:alias}. */
    public List<String> liveDatanodeSites() {
        return current.nodes().stream().filter(n -> "datanode".equals(n.mode()) && n.state() == NodeState.UP)
                .map(n -> n.site() + ":" + n.alias()).toList();
    }
}
