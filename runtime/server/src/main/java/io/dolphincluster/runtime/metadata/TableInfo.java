package io.dolphincluster.runtime.metadata;

import java.util.List;

/** A partitioned table of a database; rows are split into chunks by {@code partitionColumn}. */
public record TableInfo(
        String database, String name, List<ColumnDef> columns, String partitionColumn) {

    public TableInfo {
        columns = List.copyOf(columns);
    }

    /** The key this table is stored under: {@code database/name}. */
    public String key() {
        return database + "/" + name;
    }
}
