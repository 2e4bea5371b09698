package io.dolphincluster.protocol.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Rows that share a schema: what a client appends, what a chunk stores per write, and what a query
 * returns. Every value is already {@linkplain ColumnType#normalize normalized} to its column's
 * type; building a batch checks each row's width and each value's type, so a bad row is refused
 * before anything is written.
 */
public record RowBatch(Schema schema, List<List<Object>> rows) {
    public RowBatch {
        List<List<Object>> checked = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            List<Object> row = rows.get(r);
            if (row.size() != schema.size()) {
                throw new IllegalArgumentException(
                        "row "
                                + r
                                + " has "
                                + row.size()
                                + " values, the schema has "
                                + schema.size()
                                + " columns");
            }
            Object[] values = new Object[row.size()];
            for (int c = 0; c < values.length; c++) {
                try {
                    values[c] = schema.column(c).type().normalize(row.get(c));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "row "
                                    + r
                                    + ", column '"
                                    + schema.column(c).name()
                                    + "': "
                                    + e.getMessage());
                }
            }
            checked.add(Collections.unmodifiableList(Arrays.asList(values)));
        }
        rows = Collections.unmodifiableList(checked);
    }

    public static RowBatch empty(Schema schema) {
        return new RowBatch(schema, List.of());
    }

    public int size() {
        return rows.size();
    }
}
