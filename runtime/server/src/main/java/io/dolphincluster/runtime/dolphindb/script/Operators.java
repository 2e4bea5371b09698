package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.Casts;
import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Form;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.dolphincluster.runtime.dolphindb.data.VecBuilder;

/**
 * DolphinDB's arithmetic on scalars and vectors, element by element (a scalar meets every element
 * of a vector; two vectors must have the same length). A null operand gives a null; division by
 * zero gives a null. {@code /} of two integers is integer division, {@code \} always a DOUBLE
 * ratio. A temporal value plus or minus an integer moves it in its own unit; two temporal values of
 * one type subtract to a number; two strings add up to their concatenation.
 */
public final class Operators {
    private Operators() {}

    public static Vec arithmetic(String op, Vec left, Vec right) {
        int size = Broadcast.size(left, right, op);
        DType type = resultType(op, left.type(), right.type());
        VecBuilder out = new VecBuilder(type, size);
        for (int i = 0; i < size; i++) {
            int l = Broadcast.index(left, i);
            int r = Broadcast.index(right, i);
            if (left.isNull(l) || right.isNull(r)) {
                Nulls.add(out);
            } else if (type.storage() == DType.Storage.STRING) {
                out.addString(left.stringAt(l) + right.stringAt(r));
            } else if (type.storage() == DType.Storage.DOUBLE) {
                out.addDouble(floating(op, left.doubleAt(l), right.doubleAt(r)));
            } else {
                out.addLong(integral(op, left.longAt(l), right.longAt(r)));
            }
        }
        return Broadcast.shape(out.build(), left, right);
    }

    static DType resultType(String op, DType a, DType b) {
        if (a.isLiteral() && b.isLiteral() && op.equals("+")) return DType.STRING;
        boolean numbers =
                (a.isNumeric() || a.isTemporal() || a == DType.VOID)
                        && (b.isNumeric() || b.isTemporal() || b == DType.VOID);
        if (!numbers)
            throw new ScriptException(
                    "The operator '" + op + "' does not apply to " + a + " and " + b);
        if (op.equals("\\")) return DType.DOUBLE;
        if (a.isTemporal() || b.isTemporal()) return temporalResult(op, a, b);
        if (a.isFloating() || b.isFloating())
            return a == DType.FLOAT && b == DType.FLOAT ? DType.FLOAT : DType.DOUBLE;
        return a == DType.LONG || b == DType.LONG ? DType.LONG : DType.INT;
    }

    private static DType temporalResult(String op, DType a, DType b) {
        if (a.isTemporal() && b.isTemporal()) {
            if (a != b || !op.equals("-"))
                throw new ScriptException(
                        "The operator '" + op + "' does not apply to " + a + " and " + b);
            return a.width() == 8 ? DType.LONG : DType.INT;
        }
        DType temporal = a.isTemporal() ? a : b;
        DType other = a.isTemporal() ? b : a;
        if (!(other.isIntegral() || other == DType.VOID)
                || !(op.equals("+") || op.equals("-"))
                || (op.equals("-") && b.isTemporal())) {
            throw new ScriptException(
                    "The operator '" + op + "' does not apply to " + a + " and " + b);
        }
        return temporal;
    }

    private static double floating(String op, double a, double b) {
        return switch (op) {
            case "+" -> a + b;
            case "-" -> a - b;
            case "*" -> a * b;
            case "/", "\\" -> b == 0 ? Double.NaN : a / b;
            case "%" -> b == 0 ? Double.NaN : a - b * Math.floor(a / b);
            default -> throw new ScriptException("unknown operator " + op);
        };
    }

    private static long integral(String op, long a, long b) {
        return switch (op) {
            case "+" -> a + b;
            case "-" -> a - b;
            case "*" -> a * b;
            case "/" -> b == 0 ? DType.NULL_LONG : Math.floorDiv(a, b);
            case "%" -> b == 0 ? DType.NULL_LONG : Math.floorMod(a, b);
            default -> throw new ScriptException("unknown operator " + op);
        };
    }

    public static Vec negate(Vec value) {
        return arithmetic(
                "*",
                value,
                value.type().isFloating()
                        ? Vec.scalar(value.type(), -1.0)
                        : Vec.scalar(value.type() == DType.LONG ? DType.LONG : DType.INT, -1));
    }

    /**
     * {@code from..to}: every integer or temporal value from one to the other (descending when
     * {@code to < from}).
     */
    public static Vec range(Vec from, Vec to) {
        if (!from.isScalar() || !to.isScalar() || from.isNull(0) || to.isNull(0))
            throw new ScriptException("a range needs two non-null scalars");
        DType type =
                from.type().isTemporal()
                        ? from.type()
                        : TypeRules.widerIntegral(from.type(), to.type());
        if (!(type.isIntegral() || type.isTemporal()))
            throw new ScriptException(
                    "a range needs integers or temporal values, got " + from.type());
        long a = Casts.to(from, type, "range").longAt(0);
        long b = Casts.to(to, type, "range").longAt(0);
        long count = Math.abs(b - a) + 1;
        if (count > VectorLimits.MAX_VALUES)
            throw new ScriptException(
                    "a range of " + count + " values is larger than " + VectorLimits.MAX_VALUES);
        VecBuilder out = new VecBuilder(type, (int) count);
        for (long i = 0; i < count; i++) out.addLong(a <= b ? a + i : a - i);
        return out.build();
    }

    /** {@code a:b}: a pair of two scalars of one type. */
    public static Vec pair(Vec a, Vec b) {
        if (!a.isScalar() || !b.isScalar()) throw new ScriptException("a pair needs two scalars");
        return io.dolphincluster.runtime.dolphindb.data.Vectors.of(java.util.List.of(a, b))
                .as(Form.PAIR);
    }
}
