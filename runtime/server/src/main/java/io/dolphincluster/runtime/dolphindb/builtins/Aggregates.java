package io.dolphincluster.runtime.dolphindb.builtins;

import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Form;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.dolphincluster.runtime.dolphindb.script.FunctionRegistry;
import io.dolphincluster.runtime.dolphindb.script.ScriptException;

/**
 * The aggregates, with the query engine's types and null rules (so a query gives the same answer
 * whether the cluster or this node aggregates): {@code count} of non-null values (LONG); {@code
 * sum} LONG for integers, DOUBLE for floating values; {@code avg} DOUBLE; {@code min}/{@code max}
 * in the values' type; nulls skipped, null when nothing is left (count: 0). {@code first}/{@code
 * last} take the first/last element as it is.
 */
final class Aggregates {
    private Aggregates() {}

    static void register(FunctionRegistry registry) {
        registry.aggregate("count", (in, args) -> Vec.ofLong(count(Args.vec("count", args, 0))));
        registry.aggregate("sum", (in, args) -> sum(Args.vec("sum", args, 0)));
        registry.aggregate("avg", (in, args) -> avg(Args.vec("avg", args, 0)));
        registry.aggregate("mean", (in, args) -> avg(Args.vec("mean", args, 0)));
        registry.aggregate("min", (in, args) -> extreme(Args.vec("min", args, 0), -1));
        registry.aggregate("max", (in, args) -> extreme(Args.vec("max", args, 0), 1));
        registry.aggregate("first", (in, args) -> end(Args.vec("first", args, 0), true));
        registry.aggregate("last", (in, args) -> end(Args.vec("last", args, 0), false));
    }

    static long count(Vec values) {
        long n = 0;
        for (int i = 0; i < values.size(); i++) if (!values.isNull(i)) n++;
        return n;
    }

    private static Vec sum(Vec values) {
        requireNumbers("sum", values);
        boolean floating = values.type().isFloating();
        long longSum = 0;
        double doubleSum = 0;
        boolean any = false;
        for (int i = 0; i < values.size(); i++) {
            if (values.isNull(i)) continue;
            any = true;
            if (floating) doubleSum += values.doubleAt(i);
            else longSum += values.longAt(i);
        }
        if (floating) return Vec.scalar(DType.DOUBLE, any ? doubleSum : Double.NaN);
        return Vec.scalar(DType.LONG, any ? longSum : DType.NULL_LONG);
    }

    private static Vec avg(Vec values) {
        requireNumbers("avg", values);
        double sum = 0;
        long n = 0;
        for (int i = 0; i < values.size(); i++) {
            if (values.isNull(i)) continue;
            sum += values.doubleAt(i);
            n++;
        }
        return Vec.ofDouble(n == 0 ? Double.NaN : sum / n);
    }

    private static Vec extreme(Vec values, int sign) {
        int best = -1;
        for (int i = 0; i < values.size(); i++) {
            if (values.isNull(i)) continue;
            if (best < 0 || sign * compare(values, i, best) > 0) best = i;
        }
        if (best < 0)
            return values.type() == DType.ANY || values.type() == DType.VOID
                    ? Vec.voidScalar()
                    : nullOf(values.type());
        return values.at(best).as(Form.SCALAR);
    }

    private static int compare(Vec values, int a, int b) {
        if (values.type().isLiteral()) return values.stringAt(a).compareTo(values.stringAt(b));
        if (values.type().isFloating())
            return Double.compare(values.doubleAt(a), values.doubleAt(b));
        return Long.compare(values.longAt(a), values.longAt(b));
    }

    private static Vec end(Vec values, boolean first) {
        if (values.size() == 0) return Vec.voidScalar();
        return values.at(first ? 0 : values.size() - 1).as(Form.SCALAR);
    }

    static Vec nullOf(DType type) {
        return switch (type.storage()) {
            case LONG -> Vec.scalar(type, DType.NULL_LONG);
            case DOUBLE -> Vec.scalar(type, Double.NaN);
            case STRING -> Vec.scalar(type, "");
            default -> Vec.voidScalar();
        };
    }

    private static void requireNumbers(String function, Vec values) {
        if (!values.type().isNumeric() && values.type() != DType.VOID) {
            throw new ScriptException(
                    "The argument of [" + function + "] must be numeric, got " + values.describe());
        }
    }
}
