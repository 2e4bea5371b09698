package io.dolphincluster.runtime.dolphindb.client;

import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Dict;
import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Formats;
import io.dolphincluster.runtime.dolphindb.data.Nothing;
import io.dolphincluster.runtime.dolphindb.data.Table;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A script's result for the page: a table as {@code columns}, {@code types} and {@code rows} of
 * text (at most {@value #MAX_ROWS} rows, {@code rowCount} the full count), a dictionary as a
 * two-column table, anything else as {@code text}; {@code form} and {@code type} say what it was.
 */
public final class ResultJson {
    static final int MAX_ROWS = 1000;

    private ResultJson() {}

    public static Map<String, Object> of(Entity result) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (result == Nothing.INSTANCE) {
            out.put("form", "NOTHING");
            return out;
        }
        out.put("form", result.form().name());
        out.put("type", result.type().name());
        if (result instanceof Table table) {
            table(out, table);
        } else if (result instanceof Dict dict) {
            List<Vec> keys = new ArrayList<>(dict.entries().keySet());
            List<Entity> values = new ArrayList<>(dict.entries().values());
            String[] valueTexts = values.stream().map(Formats::text).toArray(String[]::new);
            String[] keyTexts = keys.stream().map(Formats::text).toArray(String[]::new);
            table(
                    out,
                    new Table(
                            List.of("key", "value"),
                            List.of(
                                    Vec.ofStrings(DType.STRING, keyTexts),
                                    Vec.ofStrings(DType.STRING, valueTexts))));
        } else {
            out.put("text", Formats.text(result));
        }
        return out;
    }

    private static void table(Map<String, Object> out, Table table) {
        out.put("columns", table.names());
        out.put("types", table.columns().stream().map(c -> c.type().name()).toList());
        out.put("rowCount", table.rows());
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < Math.min(table.rows(), MAX_ROWS); r++) {
            List<String> row = new ArrayList<>();
            for (Vec column : table.columns()) row.add(Formats.element(column, r));
            rows.add(row);
        }
        out.put("rows", rows);
    }
}
