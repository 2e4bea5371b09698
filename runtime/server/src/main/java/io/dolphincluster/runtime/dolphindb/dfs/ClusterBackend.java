package io.dolphincluster.runtime.dolphindb.dfs;

import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.protocol.query.Query;
import io.dolphincluster.runtime.metadata.DatabaseInfo;
import io.dolphincluster.runtime.metadata.TableInfo;
import java.util.List;
import java.util.Optional;

/**
 * The data the DolphinDB front end reaches through the node it runs on: the datanode's
 * request-facing services (schema, writes, reads, metadata) and nothing of replication. Databases
 * are named as DolphinDB names them ({@code dfs://name}). Failures a client may retry elsewhere or
 * later (no leader, a chunk without a live replica) are thrown as anything but {@link
 * IllegalArgumentException}, which is a request the client got wrong; a node that holds no data
 * throws {@link DataElsewhereException} from every method.
 */
public interface ClusterBackend {
    /**
     * Creates the database, or does nothing when it exists with the same scheme ({@code VALUE},
     * {@code RANGE(...)}, {@code HASH(n)}).
     */
    void createDatabase(String database, String partitionScheme) throws Exception;

    /** Creates the table, or does nothing when it exists identically. */
    void createTable(String database, String table, Schema columns, String partitionColumn)
            throws Exception;

    /**
     * Drops the database, or its table {@code table} when that is not null; the datanodes then
     * delete the files.
     */
    void drop(String database, String table) throws Exception;

    /** The database as this node knows it (asking the leader when it does not). */
    Optional<DatabaseInfo> database(String database) throws Exception;

    /** The table as this node knows it (asking the leader when it does not). */
    Optional<TableInfo> table(String database, String table) throws Exception;

    /**
     * Brings this node's knowledge of databases and tables up to the leader's (before answering
     * whether one exists).
     */
    void refresh() throws Exception;

    /**
     * The partition keys of the table's chunks (for {@code schema()} of a VALUE-partitioned table).
     */
    List<String> partitionKeys(String database, String table);

    /** Appends rows, idempotently by {@code writeId}; the number of rows. */
    int append(String database, String table, String writeId, RowBatch rows) throws Exception;

    RowBatch query(Query query) throws Exception;
}
