package io.dolphincluster.runtime.dolphindb.script;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code select|exec [top n] items from source [where c1, c2...] [group by k...] [order by k
 * [asc|desc]...] [limit [offset,] n]}, the clauses on one line or several. {@code context by},
 * {@code pivot by}, {@code cgroup by}, {@code having} and {@code map} are refused by name.
 */
final class SelectParser {
    private static final List<String> UNSUPPORTED_CLAUSES =
            List.of("context", "pivot", "cgroup", "having", "map", "csort");

    private final TokenStream in;
    private final ExpressionParser expressions;

    SelectParser(TokenStream in, ExpressionParser expressions) {
        this.in = in;
        this.expressions = expressions;
    }

    SelectQuery query(Token keyword) {
        boolean exec = keyword.isWord("exec");
        Expr top = null;
        if (in.acceptWord("top")) top = expressions.atom();
        List<SelectQuery.Item> items = items();
        if (!in.wordAhead("from"))
            throw ScriptException.syntax(
                    keyword.line(), "'from' is missing after " + keyword.text());
        in.next();
        Expr source = expressions.expression();
        List<Expr> where = new ArrayList<>();
        List<Expr> groupBy = new ArrayList<>();
        List<SelectQuery.Order> orderBy = new ArrayList<>();
        Expr offset = null;
        if (clause("where")) {
            do {
                where.add(expressions.expression());
            } while (in.acceptOp(","));
        }
        if (clause("group")) {
            in.expectWord("by");
            do {
                groupBy.add(expressions.expression());
            } while (in.acceptOp(","));
        }
        refuseUnsupportedClause();
        if (clause("order")) {
            in.expectWord("by");
            do {
                Expr key = expressions.expression();
                boolean ascending = !in.acceptWord("desc");
                if (ascending) in.acceptWord("asc");
                orderBy.add(new SelectQuery.Order(key, ascending));
            } while (in.acceptOp(","));
        }
        if (clause("limit")) {
            Expr first = expressions.expression();
            if (in.acceptOp(",")) {
                offset = first;
                top = expressions.expression();
            } else {
                top = first;
            }
        }
        refuseUnsupportedClause();
        return new SelectQuery(
                exec, items, source, where, groupBy, orderBy, top, offset, keyword.line());
    }

    private List<SelectQuery.Item> items() {
        List<SelectQuery.Item> items = new ArrayList<>();
        do {
            if (in.peek().isOp("*")) {
                in.next();
                items.add(new SelectQuery.Item(null, null));
                continue;
            }
            Expr expr = expressions.expression();
            String alias = in.acceptWord("as") ? in.expectName() : null;
            items.add(new SelectQuery.Item(expr, alias));
        } while (in.acceptOp(","));
        return items;
    }

    /**
     * Whether the next clause, possibly on a later line, starts with {@code word}; consumes the
     * word.
     */
    private boolean clause(String word) {
        if (!in.wordAhead(word)) return false;
        in.next();
        return true;
    }

    private void refuseUnsupportedClause() {
        for (String word : UNSUPPORTED_CLAUSES) {
            if (in.wordAhead(word))
                throw ScriptException.unsupported("the SQL clause '" + word + "'");
        }
    }
}
