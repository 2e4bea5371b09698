package io.dolphincluster.runtime.query;

import io.dolphincluster.protocol.query.Filter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Decides from a query's filters which partitions of a table can hold matching rows. Filters on
 * other columns are ignored; the filters on the partition column are all applied (they are ANDed).
 * Conservative: a partition is dropped only when the scheme proves no matching row can be in it
 * (VALUE: exact; RANGE: interval overlap; HASH: only EQ).
 */
public final class PartitionPruner {
    private final TableLayout layout;

    public PartitionPruner(TableLayout layout) {
        this.layout = layout;
    }

    /**
     * Whether partition {@code key} may hold rows matching {@code where}; a filter that cannot be
     * bound is an error.
     */
    public boolean mayMatch(String key, List<Filter> where) {
        return mayMatchBound(key, partitionFilters(where));
    }

    /** The keys among {@code keys} that may hold rows matching {@code where}, in their order. */
    public List<String> prune(Collection<String> keys, List<Filter> where) {
        List<BoundFilter> filters = partitionFilters(where);
        List<String> kept = new ArrayList<>();
        for (String key : keys) {
            if (mayMatchBound(key, filters)) kept.add(key);
        }
        return kept;
    }

    private List<BoundFilter> partitionFilters(List<Filter> where) {
        List<BoundFilter> filters = new ArrayList<>();
        for (Filter filter : where) {
            BoundFilter bound = BoundFilter.bind(layout.schema(), filter);
            if (filter.column().equals(layout.partitionColumn())) filters.add(bound);
        }
        return filters;
    }

    private boolean mayMatchBound(String key, List<BoundFilter> filters) {
        for (BoundFilter filter : filters) {
            if (!layout.scheme().mayMatch(key, filter.op(), filter.value())) return false;
        }
        return true;
    }
}
