package io.dolphincluster.runtime.datanode;

import io.dolphincluster.adminapi.AdminRoutes;
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
 * A datanode's copy of the cluster metadata, fetched from the controller leader. It answers the
 * questions of the write and read paths: which chunks a table has, which replica is a chunk's
 * primary, which replicas are in sync, where a node listens. The copy may be a moment old; every
 * decision that depends on it is checked again by the node that acts on it (chunk changes are
 * compare-and-set on the chunk's epoch, a replica refuses records from an epoch older than the one
 * it knows), and {@link #refresh()} fetches a fresh copy when an answer looks stale.
 *
 * <p>Two rules make it safe to act on:
 *
 * <ul>
 *   <li>it never goes back in time: a copy whose Raft index is lower than the one held is dropped
 *       (a controller that lost the leadership, or a follower, may still answer with an older
 *       copy);
 *   <li>until the controllers know this datanode's current chunk store ({@link
 *       io.dolphincluster.runtime.metadata.NodeInfo#storeId}), this datanode's replicas count as
 *       out of sync here: a node whose disk was lost and that has not registered the new one yet
 *       must not act as primary, nor serve reads, nor accept records as an in-sync replica.
 * </ul>
 */
public final class MetadataView {
    private final ControllerLink link;
    private final String self;
    private final String storeId;
    private volatile MetadataSnapshot current = MetadataSnapshot.empty();
    private volatile long appliedIndex = -1;
    private volatile boolean loaded;
    private volatile int replicationFactor;

    /**
     * The view of datanode {@code self}, whose chunk store is {@code storeId} (null: not a
     * datanode).
     */
    public MetadataView(ControllerLink link, String self, String storeId) {
        this.link = link;
        this.self = self;
        this.storeId = storeId;
    }

    /** A view for a process that holds no replicas. */
    public MetadataView(ControllerLink link) {
        this(link, null, null);
    }

    /**
     * Fetches the leader's metadata; throws when no leader answers within the link's deadline.
     * Refreshes run one at a time, and a copy older than the one held is not installed: the answer
     * is the copy held afterwards.
     */
    public synchronized MetadataSnapshot refresh() throws IOException, InterruptedException {
        ControllerLink.Answer answer =
                link.get(AdminRoutes.METADATA.pathWithQuery("leader", "true"));
        if (!answer.ok())
            throw new IOException(
                    "metadata: controller answered " + answer.status() + ": " + answer.error());
        long index = answer.body().path("appliedIndex").asLong(0);
        if (index < appliedIndex) return current;
        MetadataSnapshot snapshot = Json.MAPPER.treeToValue(answer.body(), MetadataSnapshot.class);
        replicationFactor = answer.body().path("replicationFactor").asInt(0);
        current = storeKnown(snapshot) ? snapshot : withOwnReplicasOutOfSync(snapshot);
        appliedIndex = index;
        loaded = true;
        return current;
    }

    /**
     * Whether the controllers know this datanode by its current chunk store (always, for a view of
     * no datanode).
     */
    public boolean storeKnown() {
        return storeKnown(current);
    }

    private boolean storeKnown(MetadataSnapshot snapshot) {
        if (self == null || storeId == null) return true;
        return snapshot.nodes().stream()
                .anyMatch(n -> n.alias().equals(self) && storeId.equals(n.storeId()));
    }

    private MetadataSnapshot withOwnReplicasOutOfSync(MetadataSnapshot snapshot) {
        List<ChunkInfo> chunks =
                snapshot.chunks().stream()
                        .map(
                                c ->
                                        new ChunkInfo(
                                                c.id(),
                                                c.database(),
                                                c.table(),
                                                c.partitionKey(),
                                                c.replicas().stream()
                                                        .map(
                                                                r ->
                                                                        r.node().equals(self)
                                                                                ? new ReplicaInfo(
                                                                                        r.node(),
                                                                                        r.version(),
                                                                                        false)
                                                                                : r)
                                                        .toList(),
                                                c.epoch()))
                        .toList();
        return new MetadataSnapshot(
                snapshot.nodes(),
                snapshot.databases(),
                snapshot.tables(),
                chunks,
                snapshot.config(),
                snapshot.users());
    }

    public boolean loaded() {
        return loaded;
    }

    /**
     * The controllers' {@code dfsReplicationFactor}, or 0 before the first refresh (or from an
     * older controller).
     */
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
        return current.tables().stream()
                .filter(t -> t.database().equals(database) && t.name().equals(table))
                .findFirst();
    }

    public List<ChunkInfo> chunks(String database, String table) {
        return current.chunks().stream()
                .filter(c -> c.database().equals(database) && c.table().equals(table))
                .toList();
    }

    /**
     * The table's layout (schema, partition column and scheme); refreshes once when the table is
     * not known yet.
     */
    public TableLayout layout(String database, String table)
            throws IOException, InterruptedException {
        if (table(database, table).isEmpty()) refresh();
        TableInfo info =
                table(database, table)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "no table " + table + " in " + database));
        DatabaseInfo db =
                database(database)
                        .orElseThrow(() -> new IllegalArgumentException("no database " + database));
        return TableLayout.of(db, info);
    }

    public Optional<ChunkInfo> chunk(String chunkId) {
        return current.chunks().stream().filter(c -> c.id().equals(chunkId)).findFirst();
    }

    public Optional<ChunkInfo> chunk(String database, String table, String partitionKey) {
        return chunks(database, table).stream()
                .filter(c -> c.partitionKey().equals(partitionKey))
                .findFirst();
    }

    public Optional<NodeInfo> node(String alias) {
        return current.nodes().stream().filter(n -> n.alias().equals(alias)).findFirst();
    }

    public boolean isUp(String alias) {
        return node(alias).map(n -> n.state() == NodeState.UP).orElse(false);
    }

    /**
     * The chunk's primary in its epoch: its first in-sync replica, up or not. A primary that is
     * down stays the primary until the leader marks its replica out of sync (a new epoch); writes
     * to the chunk fail until then, and are never acknowledged by another node that merely guesses
     * it is down.
     */
    public Optional<String> primaryOf(ChunkInfo chunk) {
        return chunk.primary();
    }

    /** Whether {@code node} is the chunk's primary, as this view has it. */
    public boolean isPrimary(ChunkInfo chunk, String node) {
        return chunk.isPrimary(node);
    }

    /** The in-sync replicas on live nodes, in replica-list order: those a read may use. */
    public List<String> readableReplicas(ChunkInfo chunk) {
        return chunk.inSyncNodes().stream().filter(this::isUp).toList();
    }

    /** Live datanodes (for clients that fail over), as {@code host:port:alias}. */
    public List<String> liveDatanodeSites() {
        return current.nodes().stream()
                .filter(n -> "datanode".equals(n.mode()) && n.state() == NodeState.UP)
                .map(n -> n.site() + ":" + n.alias())
                .toList();
    }
}
