package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.dolphincluster.runtime.dolphindb.data.VecBuilder;

/** The null of a builder's type. */
final class Nulls {
    private Nulls() {}

    static void add(VecBuilder out) {
        switch (out.type().storage()) {
            case LONG -> out.addLong(DType.NULL_LONG);
            case DOUBLE -> out.addDouble(Double.NaN);
            case STRING -> out.addString("");
            default -> out.addEntity(Vec.voidScalar());
        }
    }
}
