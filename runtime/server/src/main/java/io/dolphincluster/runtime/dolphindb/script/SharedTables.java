package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.Entity;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The tables shared with {@code share t as name}: visible by name to every session of this node,
 * kept in memory.
 */
public final class SharedTables {
    private final ConcurrentMap<String, Entity> tables = new ConcurrentHashMap<>();

    public Entity get(String name) {
        return tables.get(name);
    }

    public void put(String name, Entity table) {
        tables.put(name, table);
    }

    public boolean remove(String name) {
        return tables.remove(name) != null;
    }
}
