package io.dolphincluster.runtime.query;

import io.dolphincluster.protocol.data.Column;
import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.runtime.metadata.ColumnDef;
import io.dolphincluster.runtime.metadata.DatabaseInfo;
import io.dolphincluster.runtime.metadata.TableInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What partitioning a table needs: its schema, its partition column (which must be one of the
 * schema's) and its database's {@link PartitionScheme}, typed by that column.
 */
public record TableLayout(Schema schema, String partitionColumn, PartitionScheme scheme) {
    public TableLayout {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(partitionColumn, "partitionColumn");
        Objects.requireNonNull(scheme, "scheme");
        ColumnType type = schema.column(partitionIndexOf(schema, partitionColumn)).type();
        if (type != scheme.columnType()) {
            throw new IllegalArgumentException(
                    "partition column '"
                            + partitionColumn
                            + "' is "
                            + type
                            + ", the scheme "
                            + scheme
                            + " is for "
                            + scheme.columnType());
        }
    }

    /**
     * The layout of {@code table} in {@code database}: column types parsed, scheme parsed; clear
     * errors otherwise.
     */
    public static TableLayout of(DatabaseInfo database, TableInfo table) {
        Schema schema = schemaOf(table);
        if (table.partitionColumn() == null)
            throw new IllegalArgumentException("table " + table.key() + " has no partition column");
        ColumnType type = schema.column(partitionIndexOf(schema, table.partitionColumn())).type();
        PartitionScheme scheme;
        try {
            scheme = PartitionScheme.parse(database.partitionScheme(), type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "database " + database.name() + ": " + e.getMessage());
        }
        return new TableLayout(schema, table.partitionColumn(), scheme);
    }

    /** The schema of {@code table}'s columns, their types parsed. */
    public static Schema schemaOf(TableInfo table) {
        List<Column> columns = new ArrayList<>();
        for (ColumnDef def : table.columns())
            columns.add(new Column(def.name(), ColumnType.parse(def.type())));
        return new Schema(columns);
    }

    /**
     * {@code batch} with the table's schema: its columns matched by name and put in the table's
     * order, each value converted to the table column's type (an INT to a LONG, a SYMBOL to a
     * STRING...). A missing or unknown column, or a value that does not convert, is a clear error.
     * The batch itself when it already fits.
     */
    public RowBatch conform(RowBatch batch) {
        if (batch.schema().equals(schema)) return batch;
        List<String> unknown = new ArrayList<>();
        for (Column column : batch.schema().columns()) {
            if (schema.columns().stream().noneMatch(c -> c.name().equals(column.name())))
                unknown.add(column.name());
        }
        int[] source = new int[schema.size()];
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < source.length; c++) {
            String name = schema.column(c).name();
            source[c] = -1;
            for (int b = 0; b < batch.schema().size(); b++) {
                if (batch.schema().column(b).name().equals(name)) source[c] = b;
            }
            if (source[c] < 0) missing.add(name);
        }
        if (!unknown.isEmpty() || !missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "the rows' columns do not fit the table: "
                            + (missing.isEmpty() ? "" : "missing " + missing + " ")
                            + (unknown.isEmpty() ? "" : "unknown " + unknown + " ")
                            + "(the table has "
                            + schema.columns()
                            + ")");
        }
        List<List<Object>> rows = new ArrayList<>(batch.size());
        for (List<Object> row : batch.rows()) {
            Object[] values = new Object[source.length];
            for (int c = 0; c < values.length; c++) values[c] = row.get(source[c]);
            rows.add(Arrays.asList(values));
        }
        return new RowBatch(schema, rows);
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
