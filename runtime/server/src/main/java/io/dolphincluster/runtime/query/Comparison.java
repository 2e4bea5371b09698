package io.dolphincluster.runtime.query;

import io.dolphincluster.protocol.query.Filter;

/** What a filter operator says about the outcome of a comparison. */
final class Comparison {
    private Comparison() {}

    /** Whether {@code a op b} holds, given {@code compared = compare(a, b)}. */
    static boolean holds(int compared, Filter.Op op) {
        switch (op) {
            case EQ:
                return compared == 0;
            case NE:
                return compared != 0;
            case LT:
                return compared < 0;
            case LE:
                return compared <= 0;
            case GT:
                return compared > 0;
            case GE:
                return compared >= 0;
            default:
                throw new IllegalStateException("unknown operator " + op);
        }
    }
}
