package io.dolphincluster.runtime.datanode;

import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.protocol.query.Query;
import io.dolphincluster.runtime.dolphindb.dfs.ClusterBackend;
import io.dolphincluster.runtime.dolphindb.dfs.ClusterDirectory;
import io.dolphincluster.runtime.dolphindb.dfs.ClusterUnavailableException;
import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.metadata.DatabaseInfo;
import io.dolphincluster.runtime.metadata.NodeInfo;
import io.dolphincluster.runtime.metadata.TableInfo;
import io.dolphincluster.runtime.net.RequestException;
import java.util.List;
import java.util.Optional;

/**
 * The datanode as the DolphinDB front end sees it: its schema service, write and read coordinators
 * and metadata view, nothing else. Failures are sorted as for the project's own clients ({@link
 * RequestFailures}): a request the client got wrong is an {@link IllegalArgumentException},
 * anything a retry may fix a {@link ClusterUnavailableException}.
 */
final class DolphinBackend implements ClusterDirectory, ClusterBackend {
    private interface Call<T> {
        T call() throws Exception;
    }

    private final String alias;
    private final DatanodeServices services;
    private final DatanodeMetrics metrics;

    DolphinBackend(String alias, DatanodeServices services, DatanodeMetrics metrics) {
        this.alias = alias;
        this.services = services;
        this.metrics = metrics;
    }

    @Override
    public String nodeAlias() {
        return alias;
    }

    @Override
    public int nodeType() {
        return DATANODE;
    }

    @Override
    public boolean ready() {
        return services.view().loaded();
    }

    @Override
    public String activeMaster() {
        return sorted(() -> services.schema().activeMaster());
    }

    @Override
    public void createDatabase(String database, String partitionScheme) {
        sorted(
                () -> {
                    services.schema().createDatabase(database, partitionScheme);
                    return null;
                });
    }

    @Override
    public void createTable(String database, String table, Schema columns, String partitionColumn) {
        sorted(
                () -> {
                    services.schema().createTable(database, table, columns, partitionColumn);
                    return null;
                });
    }

    @Override
    public void drop(String database, String table) {
        sorted(
                () -> {
                    services.schema().drop(database, table);
                    return null;
                });
    }

    @Override
    public void refresh() {
        sorted(() -> services.view().refresh());
    }

    @Override
    public Optional<DatabaseInfo> database(String database) {
        String name = DatabaseNames.plain(database);
        Optional<DatabaseInfo> known = services.view().database(name);
        if (known.isPresent()) return known;
        return sorted(
                () -> {
                    services.view().refresh();
                    return services.view().database(name);
                });
    }

    @Override
    public Optional<TableInfo> table(String database, String table) {
        String name = DatabaseNames.plain(database);
        Optional<TableInfo> known = services.view().table(name, table);
        if (known.isPresent()) return known;
        return sorted(
                () -> {
                    services.view().refresh();
                    return services.view().table(name, table);
                });
    }

    @Override
    public List<String> partitionKeys(String database, String table) {
        return services.view().chunks(DatabaseNames.plain(database), table).stream()
                .map(ChunkInfo::partitionKey)
                .sorted()
                .toList();
    }

    @Override
    public int append(String database, String table, String writeId, RowBatch rows) {
        long start = System.nanoTime();
        try {
            int count =
                    sorted(
                            () ->
                                    services.writes()
                                            .append(
                                                    DatabaseNames.plain(database),
                                                    table,
                                                    writeId,
                                                    rows));
            metrics.appended(count, System.nanoTime() - start);
            return count;
        } catch (RuntimeException e) {
            metrics.appendFailed(System.nanoTime() - start);
            throw e;
        }
    }

    @Override
    public RowBatch query(Query query) {
        long start = System.nanoTime();
        try {
            RowBatch result = sorted(() -> services.reads().query(DatabaseNames.plainQuery(query)));
            metrics.queried(System.nanoTime() - start);
            return result;
        } catch (RuntimeException e) {
            metrics.queryFailed(System.nanoTime() - start);
            throw e;
        }
    }

    @Override
    public List<NodeInfo> nodes() {
        return services.view().snapshot().nodes();
    }

    private static <T> T sorted(Call<T> call) {
        try {
            return call.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnavailableException("interrupted", e);
        } catch (Exception e) {
            RequestException sorted = RequestFailures.toRequestException(e);
            if (sorted.retryable()) throw new ClusterUnavailableException(sorted.getMessage(), e);
            throw new IllegalArgumentException(sorted.getMessage(), e);
        }
    }
}
