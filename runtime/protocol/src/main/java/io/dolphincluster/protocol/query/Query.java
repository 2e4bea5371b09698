package io.dolphincluster.protocol.query;

import java.util.List;
import java.util.Objects;

/**
 * A query on one partitioned table: {@code select <columns | aggregates> from table where <filters>
 * group by <columns> limit n}. Without aggregates it returns the selected columns of the matching
 * rows (all columns when {@code select} is empty); with aggregates it returns one row per group
 * (the group-by columns first, then the aggregates in order), or one row when there is no group by.
 *
 * @param limit at most this many rows, or {@code null} for all
 */
public record Query(
        String database,
        String table,
        List<String> select,
        List<Filter> where,
        List<Aggregate> aggregates,
        List<String> groupBy,
        Integer limit) {
    public Query {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(table, "table");
        select = select == null ? List.of() : List.copyOf(select);
        where = where == null ? List.of() : List.copyOf(where);
        aggregates = aggregates == null ? List.of() : List.copyOf(aggregates);
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        if (limit != null && limit < 0)
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
    }

    /**
     * Starts a query on {@code database}/{@code table}; the builder methods return changed copies
     * and may be called in any order. Whether the whole makes sense (a group by needs an aggregate;
     * columns or aggregates, not both) is checked where the query runs.
     */
    public static Query from(String database, String table) {
        return new Query(database, table, List.of(), List.of(), List.of(), List.of(), null);
    }

    public Query select(String... columns) {
        return new Query(database, table, List.of(columns), where, aggregates, groupBy, limit);
    }

    public Query where(String column, Filter.Op op, Object value) {
        List<Filter> more = new java.util.ArrayList<>(where);
        more.add(new Filter(column, op, value));
        return new Query(database, table, select, more, aggregates, groupBy, limit);
    }

    public Query aggregate(Aggregate.Fn fn, String column) {
        List<Aggregate> more = new java.util.ArrayList<>(aggregates);
        more.add(new Aggregate(fn, column));
        return new Query(database, table, select, where, more, groupBy, limit);
    }

    public Query groupBy(String... columns) {
        return new Query(database, table, select, where, aggregates, List.of(columns), limit);
    }

    public Query limit(int rows) {
        return new Query(database, table, select, where, aggregates, groupBy, rows);
    }
}
