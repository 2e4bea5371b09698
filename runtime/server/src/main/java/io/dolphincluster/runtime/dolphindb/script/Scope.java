package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Table;
import java.util.HashMap;
import java.util.Map;

/**
 * Names visible where an expression runs: a session's variables, a function's locals (over the
 * session's), or, inside a query, the columns of the rows being evaluated (over the enclosing
 * names, so columns win, as in DolphinDB).
 */
public class Scope {
    private final Scope parent;
    private final Map<String, Entity> variables = new HashMap<>();

    public Scope(Scope parent) {
        this.parent = parent;
    }

    /** The value of {@code name} here or in an enclosing scope, or null. */
    public Entity lookup(String name) {
        Entity value = variables.get(name);
        if (value != null) return value;
        return parent == null ? null : parent.lookup(name);
    }

    public void define(String name, Entity value) {
        variables.put(name, value);
    }

    public boolean remove(String name) {
        return variables.remove(name) != null;
    }

    public void clear() {
        variables.clear();
    }

    /**
     * The number of rows of the query rows in scope, or -1 outside a query (for {@code count(*)}).
     */
    public int rowCount() {
        return parent == null ? -1 : parent.rowCount();
    }

    /** A scope whose names are {@code rows}' columns, over {@code parent}. */
    public static Scope ofColumns(Table rows, Scope parent) {
        return new Scope(parent) {
            @Override
            public Entity lookup(String name) {
                int index = rows.indexOf(name);
                return index >= 0 ? rows.column(index) : super.lookup(name);
            }

            @Override
            public int rowCount() {
                return rows.rows();
            }
        };
    }
}
