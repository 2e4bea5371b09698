package io.dolphincluster.runtime.dolphindb.dfs;

import io.dolphincluster.runtime.dolphindb.script.Expr;
import java.util.Set;

/** Which columns an expression names. */
final class References {
    private References() {}

    /**
     * Adds to {@code out} the names in {@code expr} that are among {@code columns} (compared
     * case-insensitively), as the table spells them.
     */
    static void collect(Expr expr, Set<String> columns, Set<String> out) {
        if (expr == null) return;
        if (expr instanceof Expr.Name name) {
            columns.stream().filter(name.name()::equalsIgnoreCase).findFirst().ifPresent(out::add);
        } else if (expr instanceof Expr.Call call) {
            if (!(call.function() instanceof Expr.Name)) collect(call.function(), columns, out);
            call.args().forEach(a -> collect(a.value(), columns, out));
        } else if (expr instanceof Expr.Binary binary) {
            collect(binary.left(), columns, out);
            collect(binary.right(), columns, out);
        } else if (expr instanceof Expr.Unary unary) {
            collect(unary.operand(), columns, out);
        } else if (expr instanceof Expr.VectorOf vector) {
            vector.elements().forEach(e -> collect(e, columns, out));
        } else if (expr instanceof Expr.TupleOf tuple) {
            tuple.elements().forEach(e -> collect(e, columns, out));
        } else if (expr instanceof Expr.Member member) {
            collect(member.target(), columns, out);
        } else if (expr instanceof Expr.Index index) {
            collect(index.target(), columns, out);
            collect(index.index(), columns, out);
        } else if (expr instanceof Expr.Partial partial) {
            collect(partial.function(), columns, out);
            partial.args().forEach(a -> collect(a, columns, out));
        }
    }

    static boolean mentionsAny(Expr expr, Set<String> columns) {
        Set<String> found = new java.util.HashSet<>();
        collect(expr, columns, found);
        return !found.isEmpty() || expr instanceof Expr.Select || expr instanceof Expr.Lambda;
    }
}
