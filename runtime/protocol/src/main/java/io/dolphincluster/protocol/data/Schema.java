package io.dolphincluster.protocol.data;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The ordered columns of a table or of a result; names are unique. */
public record Schema(List<Column> columns) {
    public Schema {
        columns = List.copyOf(columns);
        Set<String> seen = new HashSet<>();
        for (Column column : columns) {
            if (!seen.add(column.name()))
                throw new IllegalArgumentException("column '" + column.name() + "' is given twice");
        }
    }

    public static Schema of(Column... columns) {
        return new Schema(List.of(columns));
    }

    public int size() {
        return columns.size();
    }

    public Column column(int index) {
        return columns.get(index);
    }

    /**
     * The position of the column named {@code name}, or an {@link IllegalArgumentException} naming
     * the known ones.
     */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) return i;
        }
        throw new IllegalArgumentException(
                "no column '"
                        + name
                        + "'; columns are "
                        + columns.stream().map(Column::name).toList());
    }
}
