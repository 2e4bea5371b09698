package io.dolphincluster.runtime.dolphindb.dfs;

import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.query.Aggregate;
import io.dolphincluster.protocol.query.Query;
import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Table;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.dolphincluster.runtime.dolphindb.script.ColumnNames;
import io.dolphincluster.runtime.dolphindb.script.Expr;
import io.dolphincluster.runtime.dolphindb.script.Interpreter;
import io.dolphincluster.runtime.dolphindb.script.LocalQuery;
import io.dolphincluster.runtime.dolphindb.script.Scope;
import io.dolphincluster.runtime.dolphindb.script.SelectQuery;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A query on a DFS table, run by the cluster's query engine as far as it goes. Filters always go to
 * the cluster ({@link FilterPushdown}). When every condition went and the query groups by columns
 * and selects only those and {@code count/sum/avg/min/max} of columns, the cluster aggregates too
 * (each chunk's replica aggregates its rows, the coordinator merges) and only the groups come back.
 * Otherwise the cluster returns the filtered rows' needed columns (at most {@code limit} of them
 * when nothing else is left to do) and the rest of the query runs here.
 */
final class DfsSelect {
    private static final Map<String, Aggregate.Fn> AGGREGATES =
            Map.of(
                    "count",
                    Aggregate.Fn.COUNT,
                    "sum",
                    Aggregate.Fn.SUM,
                    "avg",
                    Aggregate.Fn.AVG,
                    "min",
                    Aggregate.Fn.MIN,
                    "max",
                    Aggregate.Fn.MAX);

    private final DfsTable table;
    private final ClusterBackend backend;
    private final SelectQuery query;
    private final Interpreter interpreter;
    private final Scope scope;
    private final Set<String> columns = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    DfsSelect(
            DfsTable table,
            ClusterBackend backend,
            SelectQuery query,
            Interpreter interpreter,
            Scope scope) {
        this.table = table;
        this.backend = backend;
        this.query = query;
        this.interpreter = interpreter;
        this.scope = scope;
        table.storageSchema().columns().forEach(c -> columns.add(c.name()));
    }

    Entity run() {
        FilterPushdown pushdown = new FilterPushdown(table.storageSchema(), interpreter, scope);
        pushdown.split(query.where());
        Query base =
                new Query(
                        table.database(),
                        table.name(),
                        List.of(),
                        pushdown.filters,
                        List.of(),
                        List.of(),
                        null);
        if (pushdown.rest.isEmpty()) {
            Entity aggregated = aggregated(base);
            if (aggregated != null) return aggregated;
        }
        SelectQuery remaining =
                new SelectQuery(
                        query.exec(),
                        query.items(),
                        query.source(),
                        pushdown.rest,
                        query.groupBy(),
                        query.orderBy(),
                        query.top(),
                        query.offset(),
                        query.line());
        Table rows = fetch(withColumns(base, neededColumns()), pushdown.rest.isEmpty());
        return new LocalQuery(remaining, interpreter, scope).run(rows);
    }

    /** The query aggregated by the cluster, or null when it does not fit the engine. */
    private Entity aggregated(Query base) {
        List<String> groupBy = new ArrayList<>();
        for (Expr key : query.groupBy()) {
            if (!(key instanceof Expr.Name name) || !columns.contains(name.name())) return null;
            groupBy.add(column(name.name()));
        }
        List<Aggregate> aggregates = new ArrayList<>();
        List<String> names =
                new ArrayList<>(query.groupBy().stream().map(ColumnNames::of).toList());
        for (SelectQuery.Item item : query.items()) {
            if (item.expr() == null) return null;
            if (item.alias() == null
                    && item.expr() instanceof Expr.Name name
                    && groupBy.stream().anyMatch(name.name()::equalsIgnoreCase)) continue;
            Aggregate aggregate = aggregate(item.expr());
            if (aggregate == null) return null;
            aggregates.add(aggregate);
            names.add(ColumnNames.unique(ColumnNames.of(item), names));
        }
        if (aggregates.isEmpty()) return null;
        Query pushed =
                new Query(
                        base.database(),
                        base.table(),
                        List.of(),
                        base.where(),
                        aggregates,
                        groupBy,
                        null);
        Table result = fetch(pushed, false);
        List<Vec> resultColumns = result.columns();
        return new LocalQuery(query, interpreter, scope)
                .finishAggregated(new Table(names, resultColumns));
    }

    private Aggregate aggregate(Expr expr) {
        if (!(expr instanceof Expr.Call call)
                || !(call.function() instanceof Expr.Name function)
                || call.args().size() != 1) return null;
        Aggregate.Fn fn = AGGREGATES.get(function.name());
        if (fn == null || scope.lookup(function.name()) != null) return null;
        Expr arg = call.args().get(0).value();
        if (arg instanceof Expr.Star && fn == Aggregate.Fn.COUNT) return new Aggregate(fn, null);
        if (!(arg instanceof Expr.Name name) || !columns.contains(name.name())) return null;
        String column = column(name.name());
        boolean numeric =
                table.storageSchema()
                        .column(table.storageSchema().indexOf(column))
                        .type()
                        .isNumeric();
        if ((fn == Aggregate.Fn.SUM || fn == Aggregate.Fn.AVG) && !numeric) return null;
        return new Aggregate(fn, column);
    }

    private Set<String> neededColumns() {
        Set<String> needed = new LinkedHashSet<>();
        for (SelectQuery.Item item : query.items()) {
            if (item.expr() == null)
                return new LinkedHashSet<>(
                        table.storageSchema().columns().stream().map(c -> c.name()).toList());
            References.collect(item.expr(), columns, needed);
        }
        query.where().forEach(e -> References.collect(e, columns, needed));
        query.groupBy().forEach(e -> References.collect(e, columns, needed));
        query.orderBy().forEach(o -> References.collect(o.key(), columns, needed));
        if (needed.isEmpty())
            needed.add(table.storageSchema().column(0).name()); // the row count still matters
        return needed;
    }

    private Query withColumns(Query base, Set<String> needed) {
        return new Query(
                base.database(),
                base.table(),
                List.copyOf(needed),
                base.where(),
                List.of(),
                List.of(),
                null);
    }

    /**
     * Runs {@code pushed}; with a plain row selection and nothing left to filter, at most offset +
     * top rows are fetched.
     */
    private Table fetch(Query pushed, boolean onlyFilters) {
        Query limited = pushed;
        if (onlyFilters
                && query.top() != null
                && query.groupBy().isEmpty()
                && query.orderBy().isEmpty()
                && pushed.aggregates().isEmpty()
                && !hasAggregate()) {
            long rows =
                    rowCount(query.top()) + (query.offset() == null ? 0 : rowCount(query.offset()));
            limited = pushed.limit((int) Math.min(Integer.MAX_VALUE, rows));
        }
        Query toRun = limited;
        RowBatch batch = ClusterCalls.call(() -> backend.query(toRun));
        return StorageTypes.toTable(batch);
    }

    private boolean hasAggregate() {
        return query.items().stream()
                .anyMatch(
                        i ->
                                i.expr() != null
                                        && io.dolphincluster.runtime.dolphindb.script.Aggregation
                                                .contains(i.expr(), interpreter.functions()));
    }

    private long rowCount(Expr expr) {
        Entity value = interpreter.eval(expr, scope);
        if (value instanceof Vec vec
                && vec.isScalar()
                && vec.type().isIntegral()
                && !vec.isNull(0)
                && vec.longAt(0) >= 0) return vec.longAt(0);
        throw new io.dolphincluster.runtime.dolphindb.script.ScriptException(
                "limit and top need a non-negative integer");
    }

    private String column(String name) {
        return columns.stream().filter(name::equalsIgnoreCase).findFirst().orElseThrow();
    }
}
