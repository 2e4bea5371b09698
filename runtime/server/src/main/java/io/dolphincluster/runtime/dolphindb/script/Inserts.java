package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Nothing;
import io.dolphincluster.runtime.dolphindb.data.Table;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.dolphincluster.runtime.dolphindb.data.Vectors;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code insert into t [(columns)] values (v1, v2...)}: each value a scalar (one row) or a vector
 * (as many rows); with named columns the others get nulls. {@code t} is an in-memory table (a
 * variable or a shared table) or a DFS table.
 */
final class Inserts {
    private Inserts() {}

    static Entity run(Stmt.Insert insert, Interpreter interpreter, Scope scope) {
        Entity target = interpreter.eval(insert.table(), scope);
        Table shape =
                target instanceof Table table
                        ? table
                        : target instanceof RemoteTable remote ? remote.emptyCopy() : null;
        if (shape == null)
            throw new ScriptException("insert into needs a table, got " + target.describe());
        List<Vec> given = new ArrayList<>();
        for (Expr value : insert.values())
            given.add(Interpreter.vec(interpreter.eval(value, scope), "insert into"));
        Table rows = rows(shape, insert.columns(), given);
        if (target instanceof Table table) table.append(rows.columns());
        else ((RemoteTable) target).append(rows, interpreter);
        return Nothing.INSTANCE;
    }

    private static Table rows(Table shape, List<String> columns, List<Vec> values) {
        List<String> names = columns.isEmpty() ? shape.names() : columns;
        if (names.size() != values.size())
            throw new ScriptException(
                    "insert into gives "
                            + values.size()
                            + " values for "
                            + names.size()
                            + " columns");
        int rows = 1;
        for (Vec value : values) if (!value.isScalar()) rows = value.size();
        List<Vec> out = new ArrayList<>();
        for (int c = 0; c < shape.columnCount(); c++) {
            int at = indexOf(names, shape.names().get(c));
            Vec column = at < 0 ? Vec.voidScalar() : values.get(at);
            out.add(column.isScalar() ? Vectors.repeat(column, rows) : column);
        }
        for (String name : names) {
            if (shape.indexOf(name) < 0)
                throw new ScriptException("The table has no column " + name);
        }
        return new Table(shape.names(), out);
    }

    private static int indexOf(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) if (names.get(i).equalsIgnoreCase(name)) return i;
        return -1;
    }
}
