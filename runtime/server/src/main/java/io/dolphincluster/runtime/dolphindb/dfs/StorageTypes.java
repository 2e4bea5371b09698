package io.dolphincluster.runtime.dolphindb.dfs;

import io.dolphincluster.protocol.data.Column;
import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.runtime.dolphindb.data.Casts;
import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Table;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.dolphincluster.runtime.dolphindb.data.VecBuilder;
import io.dolphincluster.runtime.dolphindb.script.ScriptException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The column types a DFS table can have (those of the cluster's storage: BOOL, INT, LONG, DOUBLE,
 * SYMBOL, STRING, DATE, TIMESTAMP), and conversions between DolphinDB values and the storage's row
 * batches (an empty string is a null).
 */
public final class StorageTypes {
    private StorageTypes() {}

    public static ColumnType storage(DType type, String column) {
        return switch (type) {
            case BOOL -> ColumnType.BOOL;
            case INT -> ColumnType.INT;
            case LONG -> ColumnType.LONG;
            case DOUBLE -> ColumnType.DOUBLE;
            case SYMBOL -> ColumnType.SYMBOL;
            case STRING -> ColumnType.STRING;
            case DATE -> ColumnType.DATE;
            case TIMESTAMP -> ColumnType.TIMESTAMP;
            default ->
                    throw ScriptException.unsupported(
                            "column '"
                                    + column
                                    + "' of type "
                                    + type
                                    + " in a DFS table (DFS tables hold BOOL, INT, LONG, DOUBLE, SYMBOL, STRING, DATE and TIMESTAMP columns)");
        };
    }

    public static DType dolphin(ColumnType type) {
        return DType.valueOf(type.name());
    }

    /** The storage schema of a table's columns. */
    public static Schema schemaOf(Table table) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < table.columnCount(); i++) {
            String name = table.names().get(i);
            columns.add(new Column(name, storage(table.column(i).type(), name)));
        }
        return new Schema(columns);
    }

    /**
     * {@code table}'s rows as a batch of {@code schema}: columns by position, converted to the
     * schema's types.
     */
    public static RowBatch toRows(Table table, Schema schema) {
        if (table.columnCount() != schema.size()) {
            throw new IllegalArgumentException(
                    "The table has "
                            + schema.size()
                            + " columns, the data to insert "
                            + table.columnCount());
        }
        List<Vec> columns = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            Column column = schema.column(c);
            columns.add(
                    Casts.to(
                            table.column(c),
                            dolphin(column.type()),
                            "column '" + column.name() + "'"));
        }
        List<List<Object>> rows = new ArrayList<>(table.rows());
        for (int r = 0; r < table.rows(); r++) {
            Object[] row = new Object[columns.size()];
            for (int c = 0; c < row.length; c++) row[c] = toJava(columns.get(c), r);
            rows.add(Arrays.asList(row));
        }
        return new RowBatch(schema, rows);
    }

    public static Table toTable(RowBatch batch) {
        List<String> names = new ArrayList<>();
        List<Vec> columns = new ArrayList<>();
        for (int c = 0; c < batch.schema().size(); c++) {
            Column column = batch.schema().column(c);
            VecBuilder out = new VecBuilder(dolphin(column.type()), batch.size());
            for (List<Object> row : batch.rows()) add(out, row.get(c));
            names.add(column.name());
            columns.add(out.build());
        }
        return new Table(names, columns);
    }

    /** Element {@code i} as the storage's Java value (null when null). */
    public static Object toJava(Vec vec, int i) {
        if (vec.isNull(i)) return null;
        return switch (vec.type()) {
            case BOOL -> vec.longAt(i) != 0;
            case INT -> (int) vec.longAt(i);
            case LONG -> vec.longAt(i);
            case DOUBLE -> vec.doubleAt(i);
            case SYMBOL, STRING -> vec.stringAt(i);
            case DATE -> LocalDate.ofEpochDay(vec.longAt(i));
            case TIMESTAMP -> Instant.ofEpochMilli(vec.longAt(i));
            default -> throw new IllegalArgumentException(vec.type() + " values are not stored");
        };
    }

    static void add(VecBuilder out, Object value) {
        if (value == null) {
            switch (out.type().storage()) {
                case LONG -> out.addLong(DType.NULL_LONG);
                case DOUBLE -> out.addDouble(Double.NaN);
                default -> out.addString("");
            }
            return;
        }
        switch (out.type()) {
            case BOOL -> out.addLong((Boolean) value ? 1 : 0);
            case INT, LONG -> out.addLong(((Number) value).longValue());
            case DOUBLE -> out.addDouble(((Number) value).doubleValue());
            case DATE -> out.addLong(((LocalDate) value).toEpochDay());
            case TIMESTAMP -> out.addLong(((Instant) value).toEpochMilli());
            default -> out.addString((String) value);
        }
    }

    /**
     * A value written in the storage's canonical text (partition keys, RANGE boundaries) as a
     * DolphinDB scalar.
     */
    public static Vec parse(ColumnType type, String text) {
        VecBuilder out = new VecBuilder(dolphin(type), 1);
        add(
                out,
                switch (type) {
                    case BOOL -> Boolean.parseBoolean(text);
                    case INT -> Integer.parseInt(text);
                    case LONG -> Long.parseLong(text);
                    case DOUBLE -> Double.parseDouble(text);
                    case DATE -> LocalDate.parse(text);
                    case TIMESTAMP -> Instant.parse(text);
                    default -> text;
                });
        return out.build();
    }
}
