package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.protocol.query.Query;
import io.dolphincluster.runtime.dolphindb.dfs.ClusterBackend;
import io.dolphincluster.runtime.dolphindb.dfs.ClusterDirectory;
import io.dolphincluster.runtime.metadata.DatabaseInfo;
import io.dolphincluster.runtime.metadata.NodeInfo;
import io.dolphincluster.runtime.metadata.TableInfo;
import java.util.List;
import java.util.Optional;

/** A cluster with nothing in it, for scripts that do not touch DFS tables. */
final class TestBackend implements ClusterDirectory, ClusterBackend {
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
        throw new IllegalArgumentException("read-only");
    }

    @Override
    public void createTable(String database, String table, Schema columns, String partitionColumn) {
        throw new IllegalArgumentException("read-only");
    }

    @Override
    public void drop(String database, String table) {
        throw new IllegalArgumentException("read-only");
    }

    @Override
    public void refresh() {}

    @Override
    public Optional<DatabaseInfo> database(String database) {
        return Optional.empty();
    }

    @Override
    public Optional<TableInfo> table(String database, String table) {
        return Optional.empty();
    }

    @Override
    public List<String> partitionKeys(String database, String table) {
        return List.of();
    }

    @Override
    public int append(String database, String table, String writeId, RowBatch rows) {
        throw new IllegalArgumentException("read-only");
    }

    @Override
    public RowBatch query(Query query) {
        throw new IllegalArgumentException("read-only");
    }

    @Override
    public List<NodeInfo> nodes() {
        return List.of();
    }
}
