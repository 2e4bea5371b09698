package io.dolphincluster.runtime.dolphindb.dfs;

import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Dict;
import io.dolphincluster.runtime.dolphindb.data.Table;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import java.util.List;

/**
 * {@code schema(t)}: a STRING-keyed dictionary whose {@code colDefs} table lists the columns
 * ({@code name}, {@code typeString}, {@code typeInt}, {@code extra}, {@code comment}), as the
 * clients' writers read it.
 */
public final class SchemaDictionary {
    private SchemaDictionary() {}

    public static Dict of(Table table) {
        int n = table.columnCount();
        String[] names = new String[n];
        String[] typeStrings = new String[n];
        long[] typeInts = new long[n];
        long[] extras = new long[n];
        String[] comments = new String[n];
        for (int i = 0; i < n; i++) {
            DType type = table.column(i).type();
            names[i] = table.names().get(i);
            typeStrings[i] = type.name();
            typeInts[i] = type.code();
            extras[i] = DType.NULL_LONG;
            comments[i] = "";
        }
        Table colDefs =
                new Table(
                        List.of("name", "typeString", "typeInt", "extra", "comment"),
                        List.of(
                                Vec.ofStrings(DType.STRING, names),
                                Vec.ofStrings(DType.STRING, typeStrings),
                                Vec.ofLongs(DType.INT, typeInts),
                                Vec.ofLongs(DType.INT, extras),
                                Vec.ofStrings(DType.STRING, comments)));
        return new Dict(DType.STRING).put("colDefs", colDefs);
    }
}
