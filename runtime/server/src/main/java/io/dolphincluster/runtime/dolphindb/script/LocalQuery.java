package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Form;
import io.dolphincluster.runtime.dolphindb.data.Table;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.dolphincluster.runtime.dolphindb.data.Vectors;
import java.util.ArrayList;
import java.util.List;

/**
 * A query on an in-memory table: filter by each {@code where} condition, then either project the
 * items row by row or, when the query groups or aggregates, evaluate the items once per group
 * (groups sorted by key, the keys first in the result), then {@code order by}, then {@code
 * limit}/{@code top}. {@code exec} with one item gives that column (a scalar for an aggregate
 * without groups).
 */
public final class LocalQuery {
    private final SelectQuery query;
    private final Interpreter interpreter;
    private final Scope outer;

    public LocalQuery(SelectQuery query, Interpreter interpreter, Scope outer) {
        this.query = query;
        this.interpreter = interpreter;
        this.outer = outer;
    }

    public Entity run(Table source) {
        Table rows = filter(source);
        List<SelectQuery.Item> items = expand(source);
        boolean aggregating =
                !query.groupBy().isEmpty()
                        || items.stream()
                                .anyMatch(
                                        i ->
                                                Aggregation.contains(
                                                        i.expr(), interpreter.functions()));
        Table result =
                aggregating
                        ? new Aggregation(query, items, interpreter, outer).run(rows)
                        : project(rows, items);
        result = order(result, aggregating ? null : rows);
        result = limit(result);
        return shape(result, aggregating && query.groupBy().isEmpty());
    }

    /**
     * The last steps of a query whose grouped, aggregated result was computed elsewhere: order,
     * limit, shape.
     */
    public Entity finishAggregated(Table result) {
        return shape(limit(order(result, null)), query.groupBy().isEmpty());
    }

    private Table filter(Table source) {
        Table rows = source;
        for (Expr condition : query.where()) {
            Vec mask =
                    Interpreter.vec(
                            interpreter.eval(condition, Scope.ofColumns(rows, outer)), "where");
            rows = rows.pick(Selections.trueIndexes(mask, rows.rows()));
        }
        return rows;
    }

    private List<SelectQuery.Item> expand(Table source) {
        List<SelectQuery.Item> items = new ArrayList<>();
        for (SelectQuery.Item item : query.items()) {
            if (item.expr() != null) {
                items.add(item);
            } else {
                for (String name : source.names())
                    items.add(new SelectQuery.Item(new Expr.Name(name, query.line()), null));
            }
        }
        return items;
    }

    private Table project(Table rows, List<SelectQuery.Item> items) {
        Scope scope = Scope.ofColumns(rows, outer);
        List<String> names = new ArrayList<>();
        List<Vec> columns = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Vec value = Interpreter.vec(interpreter.eval(items.get(i).expr(), scope), "select");
            if (value.isScalar()) value = Vectors.repeat(value, rows.rows());
            if (value.size() != rows.rows())
                throw new ScriptException(
                        "A selected column has "
                                + value.size()
                                + " values for "
                                + rows.rows()
                                + " rows");
            names.add(ColumnNames.unique(ColumnNames.of(items.get(i)), names));
            columns.add(value);
        }
        return new Table(names, columns);
    }

    /**
     * Sorts by the order-by keys, evaluated on the result's columns (and, row for row, the
     * source's).
     */
    private Table order(Table result, Table sourceRows) {
        if (query.orderBy().isEmpty() || result.rows() < 2) return result;
        Scope scope =
                Scope.ofColumns(
                        result, sourceRows == null ? outer : Scope.ofColumns(sourceRows, outer));
        List<Vec> keys = new ArrayList<>();
        for (SelectQuery.Order order : query.orderBy()) {
            Vec key = Interpreter.vec(interpreter.eval(order.key(), scope), "order by");
            keys.add(key.isScalar() ? Vectors.repeat(key, result.rows()) : key);
        }
        Integer[] indexes = new Integer[result.rows()];
        for (int i = 0; i < indexes.length; i++) indexes[i] = i;
        java.util.Arrays.sort(
                indexes,
                (a, b) -> {
                    for (int k = 0; k < keys.size(); k++) {
                        int c = Sorting.compare(keys.get(k), a, b);
                        if (c != 0) return query.orderBy().get(k).ascending() ? c : -c;
                    }
                    return 0;
                });
        return result.pick(java.util.Arrays.stream(indexes).mapToInt(Integer::intValue).toArray());
    }

    private Table limit(Table result) {
        if (query.top() == null) return result;
        int offset = query.offset() == null ? 0 : count(query.offset());
        int top = count(query.top());
        int from = Math.min(offset, result.rows());
        int to = Math.min(result.rows(), from + top);
        int[] indexes = new int[to - from];
        for (int i = 0; i < indexes.length; i++) indexes[i] = from + i;
        return result.pick(indexes);
    }

    private int count(Expr expr) {
        Vec value = Interpreter.vec(interpreter.eval(expr, outer), "limit");
        if (!value.isScalar()
                || !value.type().isIntegral()
                || value.isNull(0)
                || value.longAt(0) < 0) {
            throw new ScriptException("limit and top need a non-negative integer, got " + value);
        }
        return (int) Math.min(Integer.MAX_VALUE, value.longAt(0));
    }

    private Entity shape(Table result, boolean oneRowAggregate) {
        if (!query.exec() || result.columnCount() != 1) return result;
        Vec column = result.column(0);
        return oneRowAggregate && column.size() == 1 ? column.at(0).as(Form.SCALAR) : column;
    }
}
