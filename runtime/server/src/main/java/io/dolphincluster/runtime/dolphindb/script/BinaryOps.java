package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.Casts;
import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Form;
import io.dolphincluster.runtime.dolphindb.data.Vec;

/** Applies a binary operator to two evaluated operands. */
final class BinaryOps {
    private BinaryOps() {}

    static Vec apply(String op, Vec left, Vec right) {
        switch (op) {
            case "+":
            case "-":
            case "*":
            case "/":
            case "\\":
            case "%":
                return Operators.arithmetic(op, left, right);
            case "==":
            case "!=":
            case "<":
            case "<=":
            case ">":
            case ">=":
                return Comparisons.compare(op, left, right);
            case "and":
            case "or":
                return Comparisons.logic(op, left, right);
            case "..":
                return Operators.range(left, right);
            case ":":
                return Operators.pair(left, right);
            case "in":
                return Comparisons.in(left, right);
            case "like":
                return Comparisons.like(left, right);
            case "between":
                return between(left, right);
            case "$":
                return cast(left, right);
            default:
                throw ScriptException.unsupported("the operator '" + op + "'");
        }
    }

    private static Vec between(Vec value, Vec bounds) {
        if (bounds.form() != Form.PAIR)
            throw new ScriptException("between needs a pair, as in x between 1:5");
        return Comparisons.logic(
                "and",
                Comparisons.compare(">=", value, bounds.at(0)),
                Comparisons.compare("<=", value, bounds.at(1)));
    }

    /** {@code x $ INT} or {@code x $ "INT"}: x converted to the type. */
    static Vec cast(Vec value, Vec type) {
        DType target = typeOf(type);
        return Casts.to(value, target, "cast");
    }

    /** A type given as its constant ({@code INT}, the type id) or its name ({@code "INT"}). */
    static DType typeOf(Vec type) {
        if (!type.isScalar())
            throw new ScriptException("a type must be a scalar, got " + type.describe());
        DType target =
                type.type().isLiteral()
                        ? DType.ofName(type.stringAt(0))
                        : DType.ofCode((int) type.longAt(0));
        if (target == null || target.storage() == DType.Storage.NONE)
            throw new ScriptException("unknown or unsupported type " + type);
        return target;
    }
}
