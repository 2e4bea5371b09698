package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.Form;
import io.dolphincluster.runtime.dolphindb.data.Vec;

/**
 * How element-wise operations pair the elements of two operands: a scalar meets every element of a
 * vector.
 */
final class Broadcast {
    private Broadcast() {}

    static int size(Vec left, Vec right, String op) {
        if (left.isScalar()) return right.size();
        if (right.isScalar()) return left.size();
        if (left.size() != right.size()) {
            throw new ScriptException(
                    "The operands of '"
                            + op
                            + "' have different lengths: "
                            + left.size()
                            + " and "
                            + right.size());
        }
        return left.size();
    }

    static int index(Vec operand, int i) {
        return operand.isScalar() ? 0 : i;
    }

    /** A scalar when both operands are scalars, else the vector. */
    static Vec shape(Vec result, Vec left, Vec right) {
        return left.isScalar() && right.isScalar() ? result.as(Form.SCALAR) : result;
    }
}
