package io.dolphincluster.runtime.dolphindb;

import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.protocol.query.Query;
import io.dolphincluster.runtime.dolphindb.dfs.ClusterBackend;
import io.dolphincluster.runtime.dolphindb.dfs.ClusterDirectory;
import io.dolphincluster.runtime.metadata.ColumnDef;
import io.dolphincluster.runtime.metadata.DatabaseInfo;
import io.dolphincluster.runtime.metadata.NodeInfo;
import io.dolphincluster.runtime.metadata.NodeState;
import io.dolphincluster.runtime.metadata.TableInfo;
import io.dolphincluster.runtime.query.ChunkQueryEvaluator;
import io.dolphincluster.runtime.query.QueryPlan;
import io.dolphincluster.runtime.query.ResultMerger;
import io.dolphincluster.runtime.query.TableLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A one-node cluster in memory for the front end's tests: the real schema checks ({@link
 * TableLayout}) and query engine ({@link QueryPlan}, {@link ChunkQueryEvaluator}, {@link
 * ResultMerger}), one chunk per table, appends idempotent by write id.
 */
final class InMemoryBackend implements ClusterDirectory, ClusterBackend {
    private final Map<String, DatabaseInfo> databases = new ConcurrentHashMap<>();
    private final Map<String, TableInfo> tables = new ConcurrentHashMap<>();
    private final Map<String, List<RowBatch>> rows = new ConcurrentHashMap<>();
    private final Set<String> writeIds = ConcurrentHashMap.newKeySet();
    final List<String> appendedWriteIds = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Where this node listens, as getClusterPerf reports it. */
    volatile String site = "127.0.0.1:8911";

    @Override
    public String nodeAlias() {
        return "datanode1";
    }

    @Override
    public int nodeType() {
        return DATANODE;
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public String activeMaster() {
        return "controller1";
    }

    @Override
    public void createDatabase(String database, String partitionScheme) {
        DatabaseInfo existing =
                databases.putIfAbsent(database, new DatabaseInfo(database, partitionScheme, 0));
        if (existing != null && !existing.partitionScheme().equals(partitionScheme)) {
            throw new IllegalArgumentException(
                    database
                            + " already exists with partition scheme "
                            + existing.partitionScheme());
        }
    }

    @Override
    public void createTable(String database, String table, Schema columns, String partitionColumn) {
        DatabaseInfo db =
                database(database)
                        .orElseThrow(() -> new IllegalArgumentException("no database " + database));
        List<ColumnDef> defs =
                columns.columns().stream()
                        .map(c -> new ColumnDef(c.name(), c.type().name()))
                        .toList();
        TableInfo info = new TableInfo(database, table, defs, partitionColumn);
        TableLayout.of(db, info);
        tables.putIfAbsent(database + "/" + table, info);
        rows.putIfAbsent(database + "/" + table, new java.util.concurrent.CopyOnWriteArrayList<>());
    }

    @Override
    public void drop(String database, String table) {
        if (databases.get(database) == null)
            throw new IllegalArgumentException("no database " + database);
        String prefix = table == null ? database + "/" : database + "/" + table;
        tables.keySet()
                .removeIf(key -> table == null ? key.startsWith(prefix) : key.equals(prefix));
        rows.keySet().removeIf(key -> table == null ? key.startsWith(prefix) : key.equals(prefix));
        if (table == null) databases.remove(database);
    }

    @Override
    public void refresh() {}

    @Override
    public Optional<DatabaseInfo> database(String database) {
        return Optional.ofNullable(databases.get(database));
    }

    @Override
    public Optional<TableInfo> table(String database, String table) {
        return Optional.ofNullable(tables.get(database + "/" + table));
    }

    @Override
    public List<String> partitionKeys(String database, String table) {
        TableLayout layout = layout(database, table);
        Set<String> keys = new HashSet<>();
        for (RowBatch batch : rows.get(database + "/" + table)) {
            for (List<Object> row : batch.rows())
                keys.add(layout.scheme().keyOf(row.get(layout.partitionIndex())));
        }
        return keys.stream().sorted().toList();
    }

    @Override
    public int append(String database, String table, String writeId, RowBatch batch) {
        TableLayout layout = layout(database, table);
        RowBatch conformed = layout.conform(batch);
        for (List<Object> row : conformed.rows())
            layout.scheme().keyOf(row.get(layout.partitionIndex()));
        appendedWriteIds.add(writeId);
        if (writeIds.add(writeId)) rows.get(database + "/" + table).add(conformed);
        return batch.size();
    }

    @Override
    public RowBatch query(Query query) {
        TableLayout layout = layout(query.database(), query.table());
        QueryPlan plan = QueryPlan.bind(query, layout.schema());
        RowBatch partial =
                ChunkQueryEvaluator.evaluate(
                        plan, new ArrayList<>(rows.get(query.database() + "/" + query.table())));
        return ResultMerger.merge(plan, List.of(partial));
    }

    @Override
    public List<NodeInfo> nodes() {
        return List.of(
                new NodeInfo("datanode1", site, "datanode", "m1", "", NodeState.UP, 0, 0),
                new NodeInfo(
                        "datanode2", "127.0.0.2:1", "datanode", "m2", "", NodeState.DOWN, 0, 0),
                new NodeInfo("agent1", "127.0.0.1:8901", "agent", "m1", "", NodeState.UP, 0, 0));
    }

    private TableLayout layout(String database, String table) {
        return TableLayout.of(
                database(database)
                        .orElseThrow(() -> new IllegalArgumentException("no database " + database)),
                table(database, table)
                        .orElseThrow(() -> new IllegalArgumentException("no table " + table)));
    }
}
