package io.dolphincluster.runtime.dolphindb.dfs;

import io.dolphincluster.protocol.data.Column;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Dict;
import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Table;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.dolphincluster.runtime.dolphindb.script.Interpreter;
import io.dolphincluster.runtime.dolphindb.script.RemoteTable;
import io.dolphincluster.runtime.dolphindb.script.Scope;
import io.dolphincluster.runtime.dolphindb.script.SelectQuery;
import io.dolphincluster.runtime.metadata.DatabaseInfo;
import io.dolphincluster.runtime.metadata.TableInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * A DFS table ({@code loadTable("dfs://db", "t")}): appends go to the cluster's write path with the
 * request's write id, queries to its read path ({@link DfsSelect}).
 */
public final class DfsTable implements RemoteTable {
    private final ClusterBackend backend;
    private final String database;
    private final DatabaseInfo databaseInfo;
    private final TableInfo info;
    private final Schema schema;

    public DfsTable(
            ClusterBackend backend, String database, DatabaseInfo databaseInfo, TableInfo info) {
        this.backend = backend;
        this.database = database;
        this.databaseInfo = databaseInfo;
        this.info = info;
        List<Column> columns = new ArrayList<>();
        info.columns()
                .forEach(
                        c ->
                                columns.add(
                                        new Column(
                                                c.name(),
                                                io.dolphincluster.protocol.data.ColumnType.parse(
                                                        c.type()))));
        this.schema = new Schema(columns);
    }

    public String database() {
        return database;
    }

    public String name() {
        return info.name();
    }

    public Schema storageSchema() {
        return schema;
    }

    @Override
    public String describe() {
        return "DFS table " + database + "/" + info.name();
    }

    @Override
    public Entity select(SelectQuery query, Interpreter interpreter, Scope scope) {
        return new DfsSelect(this, backend, query, interpreter, scope).run();
    }

    @Override
    public int append(Table rows, Interpreter interpreter) {
        WritePrivilege.require(interpreter, "append to " + database + "/" + info.name());
        if (rows.rows() == 0) return 0;
        io.dolphincluster.protocol.data.RowBatch batch =
                ClusterCalls.call(() -> StorageTypes.toRows(rows, schema));
        String writeId = interpreter.request().nextWriteId();
        return ClusterCalls.call(() -> backend.append(database, info.name(), writeId, batch));
    }

    @Override
    public Table emptyCopy() {
        List<String> names = new ArrayList<>();
        List<Vec> columns = new ArrayList<>();
        for (Column column : schema.columns()) {
            names.add(column.name());
            columns.add(
                    new io.dolphincluster.runtime.dolphindb.data.VecBuilder(
                                    StorageTypes.dolphin(column.type()), 0)
                            .build());
        }
        return new Table(names, columns);
    }

    @Override
    public Dict schema() {
        Dict out = SchemaDictionary.of(emptyCopy());
        int index = schema.indexOf(info.partitionColumn());
        io.dolphincluster.protocol.data.ColumnType columnType = schema.column(index).type();
        out.put("partitionColumnName", Vec.ofString(info.partitionColumn()));
        out.put("partitionColumnIndex", Vec.ofInt(index));
        out.put("partitionColumnType", Vec.ofInt(StorageTypes.dolphin(columnType).code()));
        out.put(
                "partitionType",
                Vec.ofInt(PartitionSchemes.typeOf(databaseInfo.partitionScheme())));
        out.put(
                "partitionSchema",
                PartitionSchemes.schemaOf(
                        databaseInfo.partitionScheme(),
                        columnType,
                        backend.partitionKeys(database, info.name())));
        out.put("engineType", Vec.ofString("OLAP"));
        out.put("tableName", Vec.ofString(info.name()));
        out.put("databaseDir", Vec.ofString(database));
        return out;
    }

    /** The DolphinDB type of each column, in order. */
    List<DType> types() {
        return schema.columns().stream().map(c -> StorageTypes.dolphin(c.type())).toList();
    }
}
