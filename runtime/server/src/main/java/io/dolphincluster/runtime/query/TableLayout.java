package io.dolphincluster.runtime.query;

import io.dolphincluster.protocol.data.Column;
import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.runtime.metadata.ColumnDef;
import io.dolphincluster.runtime.metadata.DatabaseInfo;
import io.dolphincluster.runtime.metadata.TableInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What partitioning a table needs: its schema, its partition column (which must be one of the schema's) and
 * its database's {@link PartitionScheme}, typed by that column.
 */
public record TableLayout(Schema schema, String partitionColumn, PartitionScheme scheme) {
    public TableLayout {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(partitionColumn, "partitionColumn");
        Objects.requireNonNull(scheme, "scheme");
        ColumnType type = schema.column(partitionIndexOf(schema, partitionColumn)).type();
        if (type != scheme.columnType()) {
            throw new IllegalArgumentException("partition column '" + partitionColumn + "' is " + type + ", the scheme " + scheme
                    + " is for " + scheme.columnType());
        }
    }

    /** The layout of {@code table} in {@code database}: column types parsed, scheme parsed; clear errors otherwise. */
    public static TableLayout of(DatabaseInfo database, TableInfo table) {
        Schema schema = schemaOf(table);
        if (table.partitionColumn() == null) throw new IllegalArgumentException("table " + table.key() + " has no partition column");
        ColumnType type = schema.column(partitionIndexOf(schema, table.partitionColumn())).type();
        PartitionScheme scheme;
        try {
            scheme = PartitionScheme.parse(database.partitionScheme(), type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("database " + database.name() + ": " + e.getMessage());
        }
        return new TableLayout(schema, table.partitionColumn(), scheme);
    }

    /** The schema of {@code table}'s columns, their types parsed. */
    public static Schema schemaOf(TableInfo table) {
        List<Column> columns = new ArrayList<>();
        for (ColumnDef def : table.columns()) columns.add(new Column(def.name(), ColumnType.parse(def.type())));
        return new Schema(columns);
    }

    /** The position of the partition column in the schema. */
    public int partitionIndex() {
        return schema.indexOf(partitionColumn);
    }

    private static int partitionIndexOf(Schema schema, String column) {
        try {
            return schema.indexOf(column);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("partition column: " + e.getMessage());
        }
    }
}
