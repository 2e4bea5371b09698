package io.dolphincluster.runtime.dolphindb.script;

import java.util.List;

/**
 * A query: {@code select|exec [top n] items from source [where conditions] [group by keys] [order
 * by keys] [limit n]}.
 *
 * @param top the row limit of {@code top n} or {@code limit n} (null: none)
 * @param offset the offset of {@code limit offset, n} (0: none)
 */
public record SelectQuery(
        boolean exec,
        List<Item> items,
        Expr source,
        List<Expr> where,
        List<Expr> groupBy,
        List<Order> orderBy,
        Expr top,
        Expr offset,
        int line) {
    /** One selected column: {@code expr [as alias]}; {@code *} is a null expr. */
    public record Item(Expr expr, String alias) {}

    public record Order(Expr key, boolean ascending) {}
}
