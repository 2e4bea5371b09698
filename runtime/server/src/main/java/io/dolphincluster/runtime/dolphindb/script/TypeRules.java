package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.DType;

/** Small type rules shared by the operators. */
final class TypeRules {
    private TypeRules() {}

    /** The wider of two integral types, at least INT. */
    static DType widerIntegral(DType a, DType b) {
        if (a == DType.LONG || b == DType.LONG) return DType.LONG;
        if (a.isIntegral() && b.isIntegral()) return DType.INT;
        return a;
    }
}
