package io.dolphincluster.runtime.query;

import io.dolphincluster.protocol.data.RowBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a query on the rows of one chunk and returns its partial result, in the layout {@link
 * QueryPlan} documents: the chunk's matching rows (projected, at most {@code limit}, in stored
 * order) for a select, or partial aggregate states per group (groups in order of first appearance)
 * for aggregates. Batches whose schema is not the table's are refused.
 */
public final class ChunkQueryEvaluator {
    private ChunkQueryEvaluator() {}

    /**
     * Evaluates the plan over a chunk's batches, taken one at a time: {@code chunk} may decode each
     * batch only when it is reached, so a chunk is never held in memory whole.
     */
    public static RowBatch evaluate(QueryPlan plan, Iterable<RowBatch> chunk) {
        return plan.isAggregate() ? aggregate(plan, chunk) : select(plan, chunk);
    }

    private static RowBatch checked(QueryPlan plan, RowBatch batch) {
        if (!batch.schema().equals(plan.tableSchema())) {
            throw new IllegalArgumentException(
                    "chunk rows have columns "
                            + batch.schema().columns()
                            + ", the table has "
                            + plan.tableSchema().columns());
        }
        return batch;
    }

    private static RowBatch select(QueryPlan plan, Iterable<RowBatch> chunk) {
        int limit = plan.limit() == null ? Integer.MAX_VALUE : plan.limit();
        int[] projection = plan.projection();
        List<List<Object>> out = new ArrayList<>();
        for (RowBatch batch : chunk) {
            for (List<Object> row : checked(plan, batch).rows()) {
                if (out.size() >= limit) return new RowBatch(plan.partialSchema(), out);
                if (!BoundFilter.allMatch(plan.filters(), row)) continue;
                Object[] projected = new Object[projection.length];
                for (int i = 0; i < projection.length; i++) projected[i] = row.get(projection[i]);
                out.add(Arrays.asList(projected));
            }
        }
        return new RowBatch(plan.partialSchema(), out);
    }

    private static RowBatch aggregate(QueryPlan plan, Iterable<RowBatch> chunk) {
        int[] groupBy = plan.groupBy();
        List<BoundAggregate> aggregates = plan.aggregates();
        Map<List<Object>, AggregateState[]> groups = new LinkedHashMap<>();
        if (groupBy.length == 0) groups.put(List.of(), Groups.newStates(aggregates));
        for (RowBatch batch : chunk) {
            for (List<Object> row : checked(plan, batch).rows()) {
                if (!BoundFilter.allMatch(plan.filters(), row)) continue;
                Object[] key = new Object[groupBy.length];
                for (int i = 0; i < key.length; i++) key[i] = row.get(groupBy[i]);
                AggregateState[] states =
                        groups.computeIfAbsent(
                                Arrays.asList(key), k -> Groups.newStates(aggregates));
                for (int a = 0; a < states.length; a++) states[a].add(aggregates.get(a).input(row));
            }
        }
        List<List<Object>> out = new ArrayList<>(groups.size());
        groups.forEach(
                (key, states) -> {
                    List<Object> row = new ArrayList<>(key);
                    for (AggregateState state : states) state.writeState(row);
                    out.add(row);
                });
        return new RowBatch(plan.partialSchema(), out);
    }
}
