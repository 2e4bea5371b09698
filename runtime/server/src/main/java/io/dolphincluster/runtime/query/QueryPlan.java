package io.dolphincluster.runtime.query;

import io.dolphincluster.protocol.data.Column;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.protocol.query.Aggregate;
import io.dolphincluster.protocol.query.Filter;
import io.dolphincluster.protocol.query.Query;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link Query} checked against a table's schema, and the shapes of what evaluating it produces.
 * {@link #bind} refuses, with a message naming the problem (and listing the table's columns when
 * one is unknown), a query whose select, where, group by or aggregate columns are unknown, whose
 * SUM/AVG is on a non-numeric column, whose filter value is missing or not convertible to its
 * column's type, or whose result would have the same column twice.
 *
 * <p>{@linkplain #partialSchema() Partial results} ({@link ChunkQueryEvaluator}, one per chunk, may
 * travel over the wire) have this layout:
 *
 * <ul>
 *   <li>select: the selected columns (all the table's when none is named) of the chunk's matching
 *       rows, at most {@code limit} of them. The final result has the same schema.
 *   <li>aggregates: one row per group present in the chunk (exactly one row when there is no group
 *       by): the group-by columns, then for each aggregate, in order, its state columns, named
 *       after {@link Aggregate#resultName()} {@code n}: COUNT: {@code n} LONG (0 when nothing
 *       counted); SUM: {@code n}, LONG for INT/LONG columns and DOUBLE for DOUBLE, null when no
 *       value; MIN/MAX: {@code n} of the column's type, null when no value; AVG: {@code n.sum} (as
 *       SUM) and {@code n.count} LONG. The final result ({@link #resultSchema()}) has the group-by
 *       columns then one column per aggregate: COUNT LONG, SUM as above, MIN/MAX the column's type,
 *       AVG DOUBLE.
 * </ul>
 */
public final class QueryPlan {
    private final Query query;
    private final Schema tableSchema;
    private final List<BoundFilter> filters = new ArrayList<>();
    private final int[] projection;
    private final int[] groupBy;
    private final List<BoundAggregate> aggregates = new ArrayList<>();
    private final Schema partialSchema;
    private final Schema resultSchema;

    private QueryPlan(Query query, Schema tableSchema) {
        this.query = query;
        this.tableSchema = tableSchema;
        if (!query.groupBy().isEmpty() && query.aggregates().isEmpty())
            throw new IllegalArgumentException("group by needs at least one aggregate");
        if (!query.select().isEmpty() && !query.aggregates().isEmpty()) {
            throw new IllegalArgumentException(
                    "select either columns or aggregates (with group by), not both");
        }
        for (Filter filter : query.where()) filters.add(BoundFilter.bind(tableSchema, filter));
        if (query.aggregates().isEmpty()) {
            List<String> names =
                    query.select().isEmpty()
                            ? tableSchema.columns().stream().map(Column::name).toList()
                            : query.select();
            projection = indexes("select", names);
            groupBy = new int[0];
            partialSchema = schema("select", columnsAt(projection));
            resultSchema = partialSchema;
        } else {
            projection = new int[0];
            groupBy = indexes("group by", query.groupBy());
            Set<Aggregate> seen = new HashSet<>();
            for (Aggregate aggregate : query.aggregates()) {
                if (!seen.add(aggregate))
                    throw new IllegalArgumentException(
                            "aggregate " + aggregate.resultName() + " is given twice");
                aggregates.add(BoundAggregate.bind(tableSchema, aggregate));
            }
            List<Column> partial = columnsAt(groupBy);
            List<Column> result = columnsAt(groupBy);
            for (BoundAggregate aggregate : aggregates) {
                partial.addAll(aggregate.stateColumns());
                result.add(aggregate.resultColumn());
            }
            partialSchema = schema("partial result", partial);
            resultSchema = schema("result", result);
        }
    }

    /**
     * Checks {@code query} against {@code tableSchema}; see the class comment for what it refuses.
     */
    public static QueryPlan bind(Query query, Schema tableSchema) {
        return new QueryPlan(query, tableSchema);
    }

    public Query query() {
        return query;
    }

    public Schema tableSchema() {
        return tableSchema;
    }

    public boolean isAggregate() {
        return !aggregates.isEmpty();
    }

    /** The schema of every partial result of this query (see the class comment). */
    public Schema partialSchema() {
        return partialSchema;
    }

    /** The schema of the final result of this query. */
    public Schema resultSchema() {
        return resultSchema;
    }

    List<BoundFilter> filters() {
        return filters;
    }

    int[] projection() {
        return projection;
    }

    int[] groupBy() {
        return groupBy;
    }

    List<BoundAggregate> aggregates() {
        return aggregates;
    }

    Integer limit() {
        return query.limit();
    }

    private int[] indexes(String clause, List<String> names) {
        int[] indexes = new int[names.size()];
        for (int i = 0; i < indexes.length; i++) {
            try {
                indexes[i] = tableSchema.indexOf(names.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(clause + ": " + e.getMessage());
            }
        }
        return indexes;
    }

    private List<Column> columnsAt(int[] indexes) {
        List<Column> columns = new ArrayList<>();
        for (int index : indexes) columns.add(tableSchema.column(index));
        return columns;
    }

    private static Schema schema(String what, List<Column> columns) {
        try {
            return new Schema(columns);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage());
        }
    }
}
