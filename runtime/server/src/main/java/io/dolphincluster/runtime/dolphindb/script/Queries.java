package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Table;

/** Runs a query on its source: an in-memory table here, a DFS table through the cluster. */
public final class Queries {
    private Queries() {}

    public static Entity run(SelectQuery query, Interpreter interpreter, Scope scope) {
        Entity source = interpreter.eval(query.source(), scope);
        if (source instanceof Table table)
            return new LocalQuery(query, interpreter, scope).run(table);
        if (source instanceof RemoteTable remote) return remote.select(query, interpreter, scope);
        throw new ScriptException("A query needs a table after 'from', got " + source.describe());
    }
}
