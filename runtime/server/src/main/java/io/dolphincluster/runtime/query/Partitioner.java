package io.dolphincluster.runtime.query;

import io.dolphincluster.protocol.data.RowBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits rows of a table by partition. Rows keep their order within each partition; partitions come
 * in the order of their first row. A batch with another schema, a row without a partition value or
 * with one the scheme has no partition for is refused whole, so nothing is half-written.
 */
public final class Partitioner {
    private final TableLayout layout;
    private final int partitionIndex;

    public Partitioner(TableLayout layout) {
        this.layout = layout;
        this.partitionIndex = layout.partitionIndex();
    }

    public Map<String, RowBatch> split(RowBatch batch) {
        if (!batch.schema().equals(layout.schema())) {
            throw new IllegalArgumentException(
                    "the rows have columns "
                            + batch.schema().columns()
                            + ", the table has "
                            + layout.schema().columns());
        }
        Map<Object, String> keyOfValue = new HashMap<>();
        Map<String, List<List<Object>>> rowsByKey = new LinkedHashMap<>();
        List<List<Object>> rows = batch.rows();
        for (int r = 0; r < rows.size(); r++) {
            List<Object> row = rows.get(r);
            Object value = row.get(partitionIndex);
            if (value == null) {
                throw new IllegalArgumentException(
                        "row "
                                + r
                                + " has no value in the partition column '"
                                + layout.partitionColumn()
                                + "'");
            }
            String key = keyOfValue.get(value);
            if (key == null) {
                try {
                    key = layout.scheme().keyOf(value);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "row "
                                    + r
                                    + ", partition column '"
                                    + layout.partitionColumn()
                                    + "': "
                                    + e.getMessage());
                }
                keyOfValue.put(value, key);
            }
            rowsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        Map<String, RowBatch> batches = new LinkedHashMap<>();
        rowsByKey.forEach(
                (key, keyRows) -> batches.put(key, new RowBatch(batch.schema(), keyRows)));
        return batches;
    }
}
