package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Table;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.dolphincluster.runtime.dolphindb.data.Vectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregating half of a query: rows grouped by the group-by keys (one group of all rows without
 * them), every item evaluated once per group over the group's rows; the result has the keys first,
 * then the items, one row per group, groups sorted by key (nulls first). An item that is not an
 * aggregate must be the same in every row of a group.
 */
public final class Aggregation {
    private final SelectQuery query;
    private final List<SelectQuery.Item> items;
    private final Interpreter interpreter;
    private final Scope outer;

    Aggregation(
            SelectQuery query, List<SelectQuery.Item> items, Interpreter interpreter, Scope outer) {
        this.query = query;
        this.items = items;
        this.interpreter = interpreter;
        this.outer = outer;
    }

    /** Whether {@code expr} calls an aggregate function. */
    public static boolean contains(Expr expr, FunctionRegistry functions) {
        if (expr instanceof Expr.Call call) {
            if (call.function() instanceof Expr.Name name && functions.isAggregate(name.name()))
                return true;
            return call.args().stream()
                    .anyMatch(a -> a.value() != null && contains(a.value(), functions));
        }
        if (expr instanceof Expr.Binary binary)
            return contains(binary.left(), functions) || contains(binary.right(), functions);
        if (expr instanceof Expr.Unary unary) return contains(unary.operand(), functions);
        return false;
    }

    Table run(Table rows) {
        Scope rowScope = Scope.ofColumns(rows, outer);
        List<Vec> keys = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Expr key : query.groupBy()) {
            Vec value = Interpreter.vec(interpreter.eval(key, rowScope), "group by");
            keys.add(value.isScalar() ? Vectors.repeat(value, rows.rows()) : value);
            names.add(ColumnNames.unique(ColumnNames.of(key), names));
        }
        List<int[]> groups = groups(keys, rows.rows());
        List<Integer> shownItems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).alias() == null
                    && items.get(i).expr() instanceof Expr.Name name
                    && names.stream().anyMatch(name.name()::equalsIgnoreCase)) continue;
            shownItems.add(i);
            names.add(ColumnNames.unique(ColumnNames.of(items.get(i)), names));
        }
        List<List<Vec>> cells = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) cells.add(new ArrayList<>());
        for (int[] group : groups) {
            for (int k = 0; k < keys.size(); k++) cells.get(k).add(keys.get(k).at(group[0]));
            Scope groupScope = Scope.ofColumns(rows.pick(group), outer);
            for (int s = 0; s < shownItems.size(); s++)
                cells.get(keys.size() + s)
                        .add(valueOf(items.get(shownItems.get(s)), groupScope, group.length));
        }
        List<Vec> columns = new ArrayList<>();
        for (List<Vec> column : cells) columns.add(column(column));
        return new Table(names, columns);
    }

    private Vec valueOf(SelectQuery.Item item, Scope groupScope, int groupRows) {
        Vec value = Interpreter.vec(interpreter.eval(item.expr(), groupScope), "select");
        if (value.isScalar()) return value;
        if (value.size() == groupRows && groupRows > 0) return value.at(0);
        if (value.size() == 0) return Vec.voidScalar();
        throw new ScriptException(
                "A selected column of an aggregating query must be an aggregate or a group-by key: "
                        + ColumnNames.of(item));
    }

    /**
     * The rows of each group, by the keys' values, sorted by key; all rows in one group without
     * keys.
     */
    private static List<int[]> groups(List<Vec> keys, int rows) {
        if (keys.isEmpty()) {
            int[] all = new int[rows];
            for (int i = 0; i < rows; i++) all[i] = i;
            return List.of(all);
        }
        Map<List<Object>, List<Integer>> byKey = new LinkedHashMap<>();
        for (int r = 0; r < rows; r++) {
            List<Object> key = new ArrayList<>(keys.size());
            for (Vec k : keys) key.add(k.keyAt(r));
            byKey.computeIfAbsent(key, x -> new ArrayList<>()).add(r);
        }
        List<int[]> groups = new ArrayList<>();
        for (List<Integer> members : byKey.values())
            groups.add(members.stream().mapToInt(Integer::intValue).toArray());
        groups.sort(
                (a, b) -> {
                    for (Vec key : keys) {
                        int c = Sorting.compare(key, a[0], b[0]);
                        if (c != 0) return c;
                    }
                    return 0;
                });
        return groups;
    }

    /** One value per group as a column: their common type (DOUBLE when every value is null). */
    private static Vec column(List<Vec> values) {
        Vec column = Vectors.of(values);
        if (column.type() != DType.ANY) return column;
        boolean allNull = values.stream().allMatch(v -> v.isNull(0));
        return allNull
                ? Vectors.repeat(Vec.scalar(DType.DOUBLE, Double.NaN), values.size())
                : column;
    }
}
