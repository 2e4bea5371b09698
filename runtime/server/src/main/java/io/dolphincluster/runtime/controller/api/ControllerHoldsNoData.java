package io.dolphincluster.runtime.controller.api;

import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.protocol.query.Query;
import io.dolphincluster.runtime.dolphindb.dfs.ClusterBackend;
import io.dolphincluster.runtime.dolphindb.dfs.ClusterDirectory;
import io.dolphincluster.runtime.dolphindb.dfs.DataElsewhereException;
import io.dolphincluster.runtime.metadata.DatabaseInfo;
import io.dolphincluster.runtime.metadata.NodeState;
import io.dolphincluster.runtime.metadata.TableInfo;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The data of DolphinDB's front end on a controller: none, as on DolphinDB's own controllers. Every
 * call (and so every DFS function: {@code database}, {@code loadTable}, {@code existsDatabase},
 * {@code dropTable}...) fails with a {@link DataElsewhereException} naming the datanodes that are
 * up.
 */
final class ControllerHoldsNoData implements ClusterBackend {
    private final ClusterDirectory directory;

    ControllerHoldsNoData(ClusterDirectory directory) {
        this.directory = directory;
    }

    /** "a controller holds no data: connect to a datanode (datanode1 at host:port, ...)". */
    DataElsewhereException refusal() {
        String live =
                directory.nodes().stream()
                        .filter(n -> "datanode".equals(n.mode()) && n.state() == NodeState.UP)
                        .map(n -> n.alias() + " at " + n.site())
                        .collect(Collectors.joining(", "));
        return new DataElsewhereException(
                "a controller holds no data: connect to a datanode ("
                        + (live.isEmpty() ? "none is up now" : live)
                        + ")");
    }

    @Override
    public void createDatabase(String database, String partitionScheme) {
        throw refusal();
    }

    @Override
    public void createTable(String database, String table, Schema columns, String partitionColumn) {
        throw refusal();
    }

    @Override
    public void drop(String database, String table) {
        throw refusal();
    }

    @Override
    public Optional<DatabaseInfo> database(String database) {
        throw refusal();
    }

    @Override
    public Optional<TableInfo> table(String database, String table) {
        throw refusal();
    }

    @Override
    public void refresh() {
        throw refusal();
    }

    @Override
    public List<String> partitionKeys(String database, String table) {
        throw refusal();
    }

    @Override
    public int append(String database, String table, String writeId, RowBatch rows) {
        throw refusal();
    }

    @Override
    public RowBatch query(Query query) {
        throw refusal();
    }
}
