package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Dict;
import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Form;
import io.dolphincluster.runtime.dolphindb.data.Table;

/**
 * A table that lives in the cluster (a DFS table): queried and appended to through the cluster's
 * services.
 */
public interface RemoteTable extends Entity {
    /**
     * Runs {@code query} (whose source is this table): on the cluster as far as it can, the rest
     * here.
     */
    Entity select(SelectQuery query, Interpreter interpreter, Scope scope);

    /**
     * Appends {@code rows} (columns matched by position, converted to the table's types); the
     * number of rows appended.
     */
    int append(Table rows, Interpreter interpreter);

    /** An empty table with this table's columns. */
    Table emptyCopy();

    /** DolphinDB's {@code schema(t)} dictionary. */
    Dict schema();

    @Override
    default Form form() {
        return Form.TABLE;
    }

    @Override
    default DType type() {
        return DType.HANDLE;
    }
}
