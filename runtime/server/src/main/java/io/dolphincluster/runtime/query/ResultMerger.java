package io.dolphincluster.runtime.query;

import io.dolphincluster.protocol.data.RowBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges the partial results of a query's chunks ({@link ChunkQueryEvaluator}) into its final
 * result. A select concatenates the partials in the order given (pass them in a deterministic
 * order, e.g. by partition key) and keeps the first {@code limit} rows. Aggregates combine the
 * states of each group across partials and return the groups sorted by their key (column by column,
 * missing values first), then apply {@code limit}; without group by the result is exactly one row,
 * even when there are no partials (COUNT 0, other aggregates missing). A partial whose schema is
 * not the plan's partial schema is refused.
 */
public final class ResultMerger {
    private ResultMerger() {}

    public static RowBatch merge(QueryPlan plan, List<RowBatch> partials) {
        for (RowBatch partial : partials) {
            if (!partial.schema().equals(plan.partialSchema())) {
                throw new IllegalArgumentException(
                        "a partial result has columns "
                                + partial.schema().columns()
                                + ", expected "
                                + plan.partialSchema().columns());
            }
        }
        return plan.isAggregate() ? mergeAggregates(plan, partials) : concatenate(plan, partials);
    }

    private static RowBatch concatenate(QueryPlan plan, List<RowBatch> partials) {
        int limit = plan.limit() == null ? Integer.MAX_VALUE : plan.limit();
        List<List<Object>> rows = new ArrayList<>();
        for (RowBatch partial : partials) {
            for (List<Object> row : partial.rows()) {
                if (rows.size() >= limit) return new RowBatch(plan.resultSchema(), rows);
                rows.add(row);
            }
        }
        return new RowBatch(plan.resultSchema(), rows);
    }

    private static RowBatch mergeAggregates(QueryPlan plan, List<RowBatch> partials) {
        int keyWidth = plan.groupBy().length;
        List<BoundAggregate> aggregates = plan.aggregates();
        Map<List<Object>, AggregateState[]> groups = new TreeMap<>(ValueOrder.KEYS);
        if (keyWidth == 0) groups.put(List.of(), Groups.newStates(aggregates));
        int[] stateWidths = new int[aggregates.size()];
        for (int a = 0; a < stateWidths.length; a++)
            stateWidths[a] = aggregates.get(a).stateColumns().size();
        for (RowBatch partial : partials) {
            for (List<Object> row : partial.rows()) {
                AggregateState[] states =
                        groups.computeIfAbsent(
                                row.subList(0, keyWidth), k -> Groups.newStates(aggregates));
                int offset = keyWidth;
                for (int a = 0; a < states.length; a++) {
                    states[a].mergeState(row, offset);
                    offset += stateWidths[a];
                }
            }
        }
        int limit = plan.limit() == null ? Integer.MAX_VALUE : plan.limit();
        List<List<Object>> rows = new ArrayList<>();
        for (Map.Entry<List<Object>, AggregateState[]> group : groups.entrySet()) {
            if (rows.size() >= limit) break;
            List<Object> row = new ArrayList<>(group.getKey());
            for (AggregateState state : group.getValue()) row.add(state.result());
            rows.add(row);
        }
        return new RowBatch(plan.resultSchema(), rows);
    }
}
