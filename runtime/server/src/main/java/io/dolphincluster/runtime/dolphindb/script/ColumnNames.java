package io.dolphincluster.runtime.dolphindb.script;

import java.util.List;
import java.util.Map;

/**
 * The names of a query's result columns, as DolphinDB gives them: the alias; a column's own name;
 * {@code sum_qty} for {@code sum(qty)}; {@code count} for {@code count(*)}; the operator's name
 * ({@code mul}) for an operation.
 */
public final class ColumnNames {
    private static final Map<String, String> OPERATORS =
            Map.of(
                    "+", "add", "-", "sub", "*", "mul", "/", "div", "\\", "ratio", "%", "mod", "==",
                    "eq", "!=", "ne", "and", "and", "or", "or");

    private ColumnNames() {}

    public static String of(SelectQuery.Item item) {
        if (item.alias() != null) return item.alias();
        return of(item.expr());
    }

    public static String of(Expr expr) {
        if (expr instanceof Expr.Name name) return name.name();
        if (expr instanceof Expr.Call call && call.function() instanceof Expr.Name function) {
            if (call.args().size() == 1 && call.args().get(0).value() instanceof Expr.Star)
                return function.name();
            if (!call.args().isEmpty() && call.args().get(0).value() instanceof Expr.Name column)
                return function.name() + "_" + column.name();
            return function.name();
        }
        if (expr instanceof Expr.Binary binary) return OPERATORS.getOrDefault(binary.op(), "col");
        return "col";
    }

    /** {@code name}, or {@code name_1}, {@code name_2}... when taken. */
    public static String unique(String name, List<String> taken) {
        if (taken.stream().noneMatch(name::equalsIgnoreCase)) return name;
        for (int i = 1; ; i++) {
            String candidate = name + "_" + i;
            if (taken.stream().noneMatch(candidate::equalsIgnoreCase)) return candidate;
        }
    }
}
