package io.dolphincluster.runtime.dolphindb.builtins;

import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Nothing;
import io.dolphincluster.runtime.dolphindb.data.Table;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.dolphincluster.runtime.dolphindb.dfs.ClusterBackend;
import io.dolphincluster.runtime.dolphindb.dfs.ClusterCalls;
import io.dolphincluster.runtime.dolphindb.dfs.DatabaseHandle;
import io.dolphincluster.runtime.dolphindb.dfs.DfsTable;
import io.dolphincluster.runtime.dolphindb.dfs.PartitionSchemes;
import io.dolphincluster.runtime.dolphindb.dfs.StorageTypes;
import io.dolphincluster.runtime.dolphindb.dfs.WritePrivilege;
import io.dolphincluster.runtime.dolphindb.script.FunctionRegistry;
import io.dolphincluster.runtime.dolphindb.script.Interpreter;
import io.dolphincluster.runtime.dolphindb.script.ScriptException;
import io.dolphincluster.runtime.metadata.DatabaseInfo;
import io.dolphincluster.runtime.metadata.TableInfo;
import java.util.List;

/**
 * Distributed databases and tables: {@code database}, {@code createPartitionedTable} (also as
 * {@code db.createPartitionedTable(...)}), {@code loadTable}, {@code existsDatabase}/{@code
 * exists}, {@code existsTable} (asking the leader), {@code dropDatabase}, {@code dropTable}.
 * Creating what exists identically succeeds (a client may resend it after a failover).
 */
final class DfsFunctions {
    private final ClusterBackend backend;

    private DfsFunctions(ClusterBackend backend) {
        this.backend = backend;
    }

    static void register(FunctionRegistry registry, ClusterBackend backend) {
        DfsFunctions dfs = new DfsFunctions(backend);
        registry.add(
                "database",
                1,
                7,
                List.of(
                        "directory",
                        "partitionType",
                        "partitionScheme",
                        "locations",
                        "engine",
                        "atomic",
                        "chunkGranularity"),
                (in, args) -> dfs.database(in, args));
        registry.add(
                "createPartitionedTable",
                4,
                10,
                List.of(
                        "dbHandle",
                        "table",
                        "tableName",
                        "partitionColumns",
                        "compressMethods",
                        "sortColumns",
                        "keepDuplicates",
                        "sortKeyMappingFunction",
                        "softDelete",
                        "indexes"),
                (in, args) -> dfs.createPartitionedTable(in, args));
        registry.add(
                "createTable",
                2,
                8,
                (in, args) -> {
                    throw ScriptException.unsupported(
                            "dimension tables (createTable); use createPartitionedTable");
                });
        registry.add(
                "createDimensionTable",
                2,
                8,
                (in, args) -> {
                    throw ScriptException.unsupported(
                            "dimension tables (createDimensionTable); use createPartitionedTable");
                });
        registry.add(
                "loadTable",
                2,
                4,
                (in, args) ->
                        dfs.loadTable(
                                databaseName(args.get(0)), Args.string("loadTable", args, 1)));
        registry.add(
                "existsDatabase",
                1,
                1,
                (in, args) ->
                        Vec.bool(
                                dfs.fresh().existingDatabase(Args.string("existsDatabase", args, 0))
                                        != null));
        registry.add(
                "exists",
                1,
                1,
                (in, args) ->
                        Vec.bool(
                                dfs.fresh().existingDatabase(Args.string("exists", args, 0))
                                        != null));
        registry.add(
                "existsTable",
                2,
                2,
                (in, args) ->
                        Vec.bool(
                                dfs.fresh()
                                                .existingTable(
                                                        databaseName(args.get(0)),
                                                        Args.string("existsTable", args, 1))
                                        != null));
        registry.add(
                "dropDatabase",
                1,
                1,
                (in, args) -> dfs.drop(in, Args.string("dropDatabase", args, 0), null));
        registry.add(
                "dropTable",
                2,
                2,
                (in, args) ->
                        dfs.drop(in, databaseName(args.get(0)), Args.string("dropTable", args, 1)));
    }

    private Entity database(Interpreter in, List<Entity> args) {
        String name = Args.string("database", args, 0);
        if (name.isEmpty())
            throw ScriptException.unsupported(
                    "in-memory databases (database(\"\", ...)) and COMPO partitioning");
        if (!Args.given(args, 1)) {
            DatabaseInfo existing = existingDatabase(name);
            if (existing == null)
                throw new ScriptException("The database " + name + " does not exist");
            return new DatabaseHandle(name, existing.partitionScheme(), null);
        }
        WritePrivilege.require(in, "create databases");
        int partitionType = (int) Args.integer("database", args, 1);
        Vec domain = Args.given(args, 2) ? Args.vec("database", args, 2) : null;
        String scheme = PartitionSchemes.schemeText(partitionType, domain);
        ClusterCalls.call(
                () -> {
                    backend.createDatabase(name, scheme);
                    return null;
                });
        return new DatabaseHandle(name, scheme, domain);
    }

    private Entity createPartitionedTable(Interpreter in, List<Entity> args) {
        WritePrivilege.require(in, "create tables");
        if (!(args.get(0) instanceof DatabaseHandle db))
            throw new ScriptException(
                    "[createPartitionedTable] needs a database handle first, got "
                            + args.get(0).describe());
        Table table = Args.table("createPartitionedTable", args, 1);
        String tableName = Args.string("createPartitionedTable", args, 2);
        Vec columns = Args.vec("createPartitionedTable", args, 3);
        if (columns.size() != 1 || !columns.type().isLiteral())
            throw ScriptException.unsupported("partitioning by several columns (COMPO)");
        String column = columns.stringAt(0);
        int index = table.indexOf(column);
        if (index < 0)
            throw new ScriptException(
                    "The partition column " + column + " is not a column of the table");
        PartitionSchemes.checkColumn(db, column, table.column(index).type());
        ClusterCalls.call(
                () -> {
                    backend.createTable(
                            db.name(),
                            tableName,
                            StorageTypes.schemaOf(table),
                            table.names().get(index));
                    return null;
                });
        return loadTable(db.name(), tableName);
    }

    /** This node's view brought up to the leader's first. */
    private DfsFunctions fresh() {
        ClusterCalls.call(
                () -> {
                    backend.refresh();
                    return null;
                });
        return this;
    }

    /** Drops the database, or its table; dropping what does not exist is an error naming it. */
    private Entity drop(Interpreter in, String database, String table) {
        WritePrivilege.require(in, table == null ? "drop databases" : "drop tables");
        if (fresh().existingDatabase(database) == null)
            throw new ScriptException("The database " + database + " does not exist");
        if (table != null && existingTable(database, table) == null)
            throw new ScriptException("The table " + table + " does not exist in " + database);
        ClusterCalls.call(
                () -> {
                    backend.drop(database, table);
                    return null;
                });
        return Nothing.INSTANCE;
    }

    private DfsTable loadTable(String database, String table) {
        DatabaseInfo db = existingDatabase(database);
        if (db == null) throw new ScriptException("The database " + database + " does not exist");
        TableInfo info = existingTable(database, table);
        if (info == null)
            throw new ScriptException("The table " + table + " does not exist in " + database);
        return new DfsTable(backend, database, db, info);
    }

    private DatabaseInfo existingDatabase(String database) {
        return ClusterCalls.call(() -> backend.database(database).orElse(null));
    }

    private TableInfo existingTable(String database, String table) {
        return ClusterCalls.call(() -> backend.table(database, table).orElse(null));
    }

    private static String databaseName(Entity arg) {
        if (arg instanceof DatabaseHandle db) return db.name();
        if (arg instanceof Vec vec && vec.isScalar() && vec.type().isLiteral())
            return vec.stringAt(0);
        throw new ScriptException("A database path or handle is needed, got " + arg.describe());
    }
}
