package io.dolphincluster.runtime.dolphindb.dfs;

import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Form;
import io.dolphincluster.runtime.dolphindb.data.Vec;

/**
 * What {@code database(...)} returns: a DFS database, with the partition domain it was created with
 * when known here (null for a handle on an existing database).
 */
public record DatabaseHandle(String name, String partitionScheme, Vec domain) implements Entity {
    @Override
    public Form form() {
        return Form.SCALAR;
    }

    @Override
    public DType type() {
        return DType.HANDLE;
    }

    @Override
    public String describe() {
        return "DB[" + name + "]";
    }
}
