package io.dolphincluster.runtime.dolphindb.data;

import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory table: named columns (vectors of equal length). Its columns are replaced, never
 * changed, when rows are appended, so a column handed out earlier keeps its contents; the table
 * itself is shared by every variable that names it (as in DolphinDB, {@code insert into t} changes
 * {@code t} wherever it is referenced).
 */
public final class Table implements Entity {
    private final List<String> names;
    private final List<Vec> columns;

    public Table(List<String> names, List<Vec> columns) {
        if (names.size() != columns.size())
            throw new IllegalArgumentException(
                    names.size() + " column names for " + columns.size() + " columns");
        for (int i = 0; i < names.size(); i++) {
            if (names.indexOf(names.get(i)) != i)
                throw new IllegalArgumentException("column '" + names.get(i) + "' is given twice");
            if (columns.get(i).isScalar() || columns.get(i).size() != columns.get(0).size()) {
                throw new IllegalArgumentException(
                        "column '"
                                + names.get(i)
                                + "' has "
                                + columns.get(i).size()
                                + " rows, column '"
                                + names.get(0)
                                + "' "
                                + columns.get(0).size());
            }
        }
        this.names = List.copyOf(names);
        this.columns = new ArrayList<>(columns);
    }

    @Override
    public Form form() {
        return Form.TABLE;
    }

    @Override
    public DType type() {
        return DType.ANY;
    }

    @Override
    public String describe() {
        return "TABLE";
    }

    public List<String> names() {
        return names;
    }

    public synchronized List<Vec> columns() {
        return List.copyOf(columns);
    }

    public synchronized int rows() {
        return columns.isEmpty() ? 0 : columns.get(0).size();
    }

    public int columnCount() {
        return names.size();
    }

    /** The position of column {@code name}, case-insensitive as in DolphinDB, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < names.size(); i++) if (names.get(i).equalsIgnoreCase(name)) return i;
        return -1;
    }

    public synchronized Vec column(int index) {
        return columns.get(index);
    }

    /** The column named {@code name}; an error naming the table's columns if there is none. */
    public Vec column(String name) {
        int index = indexOf(name);
        if (index < 0)
            throw new IllegalArgumentException(
                    "the table has no column '" + name + "'; its columns are " + names);
        return column(index);
    }

    /**
     * Appends {@code rows}, whose columns are matched by position and converted to this table's
     * column types; returns the number of rows appended.
     */
    public synchronized int append(List<Vec> rows) {
        if (rows.size() != columns.size()) {
            throw new IllegalArgumentException(
                    "the table has "
                            + columns.size()
                            + " columns, the data to insert "
                            + rows.size());
        }
        int count = -1;
        List<Vec> converted = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Vec column =
                    Casts.to(rows.get(i), columns.get(i).type(), "column '" + names.get(i) + "'");
            int size = column.isScalar() ? 1 : column.size();
            if (count >= 0 && size != count)
                throw new IllegalArgumentException("the columns to insert have different lengths");
            count = size;
            converted.add(column);
        }
        for (int i = 0; i < columns.size(); i++)
            columns.set(i, Vectors.concat(columns.get(i), converted.get(i)));
        return Math.max(count, 0);
    }

    /** A new table with the rows at {@code indexes}, in that order. */
    public Table pick(int[] indexes) {
        List<Vec> picked = new ArrayList<>();
        for (Vec column : columns()) picked.add(column.pick(indexes));
        return new Table(names, picked);
    }
}
