package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.Casts;
import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.dolphincluster.runtime.dolphindb.data.VecBuilder;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Comparisons and logic, element by element, giving BOOL. Numbers compare as numbers, temporal
 * values of different types through their instant, text as text (a string literal compared with a
 * temporal value is parsed as one). {@code ==} and {@code !=} treat nulls as equal to each other;
 * an ordering comparison with a null is false, as in the query engine's filters. In logic a null is
 * false.
 */
public final class Comparisons {
    private Comparisons() {}

    public static Vec compare(String op, Vec left, Vec right) {
        int size = Broadcast.size(left, right, op);
        Vec[] aligned = align(left, right);
        Vec a = aligned[0];
        Vec b = aligned[1];
        VecBuilder out = new VecBuilder(DType.BOOL, size);
        for (int i = 0; i < size; i++) {
            int l = Broadcast.index(a, i);
            int r = Broadcast.index(b, i);
            boolean nullL = a.isNull(l);
            boolean nullR = b.isNull(r);
            boolean result;
            if (nullL || nullR) {
                result =
                        switch (op) {
                            case "==" -> nullL && nullR;
                            case "!=" -> nullL != nullR;
                            default -> false;
                        };
            } else {
                int c = compareAt(a, l, b, r);
                result =
                        switch (op) {
                            case "==" -> c == 0;
                            case "!=" -> c != 0;
                            case "<" -> c < 0;
                            case "<=" -> c <= 0;
                            case ">" -> c > 0;
                            default -> c >= 0;
                        };
            }
            out.addLong(result ? 1 : 0);
        }
        return Broadcast.shape(out.build(), left, right);
    }

    /**
     * Brings the operands to comparable types: temporal values to the finer type, text to the other
     * side's type.
     */
    static Vec[] align(Vec left, Vec right) {
        DType a = left.type();
        DType b = right.type();
        if (a == b || a == DType.VOID || b == DType.VOID) return new Vec[] {left, right};
        if (a.isTemporal() && b.isTemporal()) {
            DType finer =
                    io.dolphincluster.runtime.dolphindb.data.Temporal.toEpochNanos(a, 1)
                                    < io.dolphincluster.runtime.dolphindb.data.Temporal
                                            .toEpochNanos(b, 1)
                            ? a
                            : b;
            return new Vec[] {
                Casts.to(left, finer, "comparison"), Casts.to(right, finer, "comparison")
            };
        }
        if (a.isTemporal() && b.isLiteral())
            return new Vec[] {left, Casts.to(right, a, "comparison")};
        if (b.isTemporal() && a.isLiteral())
            return new Vec[] {Casts.to(left, b, "comparison"), right};
        if (a.isLiteral() && b.isLiteral()) return new Vec[] {left, right};
        if ((a.isNumeric() || a.isTemporal()) && (b.isNumeric() || b.isTemporal()))
            return new Vec[] {left, right};
        throw new ScriptException("Cannot compare " + a + " with " + b);
    }

    /** Compares two non-null elements of aligned operands. */
    static int compareAt(Vec a, int i, Vec b, int j) {
        if (a.type().isLiteral()) return a.stringAt(i).compareTo(b.stringAt(j));
        if (a.type().isFloating() || b.type().isFloating())
            return Double.compare(a.doubleAt(i), b.doubleAt(j));
        return Long.compare(a.longAt(i), b.longAt(j));
    }

    public static Vec logic(String op, Vec left, Vec right) {
        int size = Broadcast.size(left, right, op);
        VecBuilder out = new VecBuilder(DType.BOOL, size);
        for (int i = 0; i < size; i++) {
            boolean l = truth(left, Broadcast.index(left, i));
            boolean r = truth(right, Broadcast.index(right, i));
            out.addLong((op.equals("and") ? l && r : l || r) ? 1 : 0);
        }
        return Broadcast.shape(out.build(), left, right);
    }

    public static Vec not(Vec operand) {
        VecBuilder out = new VecBuilder(DType.BOOL, operand.size());
        for (int i = 0; i < operand.size(); i++) out.addLong(truth(operand, i) ? 0 : 1);
        return operand.isScalar()
                ? out.build().as(io.dolphincluster.runtime.dolphindb.data.Form.SCALAR)
                : out.build();
    }

    static boolean truth(Vec value, int i) {
        if (value.isNull(i)) return false;
        if (value.type().isLiteral()) return !value.stringAt(i).isEmpty();
        return value.doubleAt(i) != 0;
    }

    /** {@code x in values}: whether each element of x is one of the values. */
    public static Vec in(Vec left, Vec values) {
        Vec target =
                values.type() == DType.ANY || values.type() == left.type()
                        ? values
                        : Casts.to(values, left.type(), "in");
        Set<Object> set = new HashSet<>();
        for (int i = 0; i < target.size(); i++)
            set.add(
                    target.type() == DType.ANY
                            ? ((Vec) target.entityAt(i)).keyAt(0)
                            : target.keyAt(i));
        VecBuilder out = new VecBuilder(DType.BOOL, left.size());
        for (int i = 0; i < left.size(); i++) out.addLong(set.contains(left.keyAt(i)) ? 1 : 0);
        return left.isScalar()
                ? out.build().as(io.dolphincluster.runtime.dolphindb.data.Form.SCALAR)
                : out.build();
    }

    /** {@code x like pattern}: SQL's % (any run) and _ (one character) on text. */
    public static Vec like(Vec left, Vec pattern) {
        if (!pattern.isScalar() || !pattern.type().isLiteral())
            throw new ScriptException("like needs a string pattern");
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.stringAt(0).toCharArray()) {
            regex.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
        }
        Pattern compiled = Pattern.compile(regex.toString(), Pattern.DOTALL);
        VecBuilder out = new VecBuilder(DType.BOOL, left.size());
        for (int i = 0; i < left.size(); i++)
            out.addLong(!left.isNull(i) && compiled.matcher(left.stringAt(i)).matches() ? 1 : 0);
        return left.isScalar()
                ? out.build().as(io.dolphincluster.runtime.dolphindb.data.Form.SCALAR)
                : out.build();
    }
}
