package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.Vec;

/** Ordering of vector elements for sorting: nulls first, then by value. */
final class Sorting {
    private Sorting() {}

    static int compare(Vec values, int a, int b) {
        boolean nullA = values.isNull(a);
        boolean nullB = values.isNull(b);
        if (nullA || nullB) return nullA == nullB ? 0 : nullA ? -1 : 1;
        return Comparisons.compareAt(values, a, values, b);
    }
}
