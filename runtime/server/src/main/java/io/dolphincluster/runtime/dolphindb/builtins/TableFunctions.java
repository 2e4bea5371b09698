package io.dolphincluster.runtime.dolphindb.builtins;

import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Form;
import io.dolphincluster.runtime.dolphindb.data.Nothing;
import io.dolphincluster.runtime.dolphindb.data.Table;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.dolphincluster.runtime.dolphindb.data.VecBuilder;
import io.dolphincluster.runtime.dolphindb.data.Vectors;
import io.dolphincluster.runtime.dolphindb.dfs.SchemaDictionary;
import io.dolphincluster.runtime.dolphindb.script.FunctionRegistry;
import io.dolphincluster.runtime.dolphindb.script.Interpreter;
import io.dolphincluster.runtime.dolphindb.script.NamedValue;
import io.dolphincluster.runtime.dolphindb.script.RemoteTable;
import io.dolphincluster.runtime.dolphindb.script.ScriptException;
import java.util.ArrayList;
import java.util.List;

/**
 * In-memory tables and inserting into any table: {@code table(capacity:size, names, types)}, {@code
 * table(v1, v2 as b)}, {@code tableInsert(t, rows)} (INT rows inserted), {@code append!}, {@code
 * schema}, {@code columnNames}. A table may be given by value, as a DFS table, or by the name of a
 * shared table ({@code tableInsert{"t"}}).
 */
final class TableFunctions {
    private TableFunctions() {}

    static void register(FunctionRegistry registry) {
        registry.add("table", 1, 1024, (in, args) -> table(args));
        registry.add(
                "tableInsert", 2, 1024, (in, args) -> Vec.ofInt(insert(in, "tableInsert", args)));
        registry.add(
                "append!",
                2,
                2,
                (in, args) -> {
                    insert(in, "append!", args);
                    return args.get(0) instanceof Table ? args.get(0) : Nothing.INSTANCE;
                });
        registry.add(
                "schema",
                1,
                1,
                (in, args) -> {
                    Entity table = target(in, "schema", args.get(0));
                    return table instanceof RemoteTable remote
                            ? remote.schema()
                            : SchemaDictionary.of((Table) table);
                });
        registry.add(
                "columnNames",
                1,
                1,
                (in, args) -> {
                    Entity table = target(in, "columnNames", args.get(0));
                    Table shape =
                            table instanceof RemoteTable remote
                                    ? remote.emptyCopy()
                                    : (Table) table;
                    return Vec.ofStrings(DType.STRING, shape.names().toArray(String[]::new));
                });
    }

    private static Table table(List<Entity> args) {
        Entity first = NamedValue.unwrap(args.get(0));
        if (first instanceof Vec pair && pair.form() == Form.PAIR && args.size() == 3)
            return typed(pair, args);
        List<String> names = new ArrayList<>();
        List<Vec> columns = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Entity arg = args.get(i);
            Entity value = NamedValue.unwrap(arg);
            if (value instanceof Table table) {
                names.addAll(table.names());
                columns.addAll(table.columns());
                continue;
            }
            if (!(value instanceof Vec vec))
                throw new ScriptException("[table] takes vectors, got " + value.describe());
            names.add(arg instanceof NamedValue named ? named.name() : "col" + (i + 1));
            columns.add(vec);
        }
        int rows = columns.stream().filter(c -> !c.isScalar()).mapToInt(Vec::size).max().orElse(1);
        columns.replaceAll(c -> c.isScalar() ? Vectors.repeat(c, rows) : c);
        return new Table(names, columns);
    }

    /**
     * {@code table(capacity:size, names, types)}: {@code size} rows of nulls of the given types.
     */
    private static Table typed(Vec capacityAndSize, List<Entity> args) {
        int size = (int) capacityAndSize.longAt(1);
        Vec names = Args.vec("table", unwrapAll(args), 1);
        Vec types = Args.vec("table", unwrapAll(args), 2);
        if (names.size() != types.size())
            throw new ScriptException("[table] needs as many types as column names");
        List<String> columnNames = new ArrayList<>();
        List<Vec> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            DType type =
                    types.type().isLiteral()
                            ? DType.ofName(types.stringAt(i))
                            : DType.ofCode((int) types.longAt(i));
            if (type == null || type.storage() == DType.Storage.NONE || type == DType.ANY) {
                throw ScriptException.unsupported(
                        "the column type "
                                + types.at(i)
                                + " of column '"
                                + names.stringAt(i)
                                + "'");
            }
            VecBuilder column = new VecBuilder(type, size);
            for (int r = 0; r < size; r++) column.add(Vec.voidScalar(), 0);
            columnNames.add(names.stringAt(i));
            columns.add(column.build());
        }
        return new Table(columnNames, columns);
    }

    private static List<Entity> unwrapAll(List<Entity> args) {
        return args.stream().map(NamedValue::unwrap).toList();
    }

    /** Appends the rows given after the table; the number of rows appended. */
    static int insert(Interpreter in, String function, List<Entity> args) {
        Entity target = target(in, function, args.get(0));
        Table rows = rows(function, args.subList(1, args.size()));
        if (target instanceof RemoteTable remote) return remote.append(rows, in);
        return ((Table) target).append(rows.columns());
    }

    static Entity target(Interpreter in, String function, Entity arg) {
        if (arg instanceof Table || arg instanceof RemoteTable) return arg;
        if (arg instanceof Vec name && name.isScalar() && name.type().isLiteral()) {
            Entity shared = in.shared().get(name.stringAt(0));
            if (shared == null) shared = in.globals().lookup(name.stringAt(0));
            if (shared instanceof Table || shared instanceof RemoteTable) return shared;
            throw new ScriptException(
                    "[" + function + "] there is no table named " + name.stringAt(0));
        }
        throw new ScriptException("[" + function + "] needs a table, got " + arg.describe());
    }

    /** The rows to insert: a table, a tuple of columns, or one vector (or scalar) per column. */
    private static Table rows(String function, List<Entity> given) {
        if (given.size() == 1 && given.get(0) instanceof Table table) return table;
        List<Entity> columns = given;
        if (given.size() == 1
                && given.get(0) instanceof Vec tuple
                && tuple.type() == DType.ANY
                && !tuple.isScalar()) {
            columns = new ArrayList<>();
            for (int i = 0; i < tuple.size(); i++) columns.add(tuple.entityAt(i));
        }
        List<Vec> vectors = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int rows = 1;
        for (Entity column : columns) {
            if (!(column instanceof Vec vec))
                throw new ScriptException(
                        "["
                                + function
                                + "] takes a table or one vector per column, got "
                                + column.describe());
            if (!vec.isScalar()) rows = vec.size();
            vectors.add(vec);
            names.add("c" + names.size());
        }
        int size = rows;
        vectors.replaceAll(v -> v.isScalar() ? Vectors.repeat(v, size) : v);
        return new Table(names, vectors);
    }
}
