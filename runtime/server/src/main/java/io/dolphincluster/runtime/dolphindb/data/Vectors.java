package io.dolphincluster.runtime.dolphindb.data;

import java.util.List;

/** Joining, repeating and typing vectors. */
public final class Vectors {
    private Vectors() {}

    /**
     * {@code head} followed by {@code tail} (a scalar or vector), as a vector of {@code head}'s
     * type.
     */
    public static Vec concat(Vec head, Vec tail) {
        VecBuilder out = new VecBuilder(head.type(), head.size() + tail.size());
        for (int i = 0; i < head.size(); i++) out.add(head, i);
        for (int i = 0; i < tail.size(); i++) out.add(tail, i);
        return out.build();
    }

    /** {@code value} (a scalar) {@code times} times, as a vector. */
    public static Vec repeat(Vec value, int times) {
        VecBuilder out = new VecBuilder(value.type(), times);
        for (int i = 0; i < times; i++) out.add(value, 0);
        return out.build();
    }

    /**
     * The vector of these elements: typed by {@link #commonType} when they are all scalars, else an
     * ANY vector.
     */
    public static Vec of(List<? extends Entity> elements) {
        DType type = null;
        for (Entity element : elements) {
            if (!(element instanceof Vec v) || !v.isScalar()) {
                type = DType.ANY;
                break;
            }
            type = type == null ? v.type() : commonType(type, v.type());
        }
        if (type == null) type = DType.ANY;
        if (type == DType.VOID && !elements.isEmpty()) type = DType.ANY; // all NULL: stays untyped
        VecBuilder out = new VecBuilder(type, elements.size());
        for (Entity element : elements) out.addEntity(element);
        return out.build();
    }

    /**
     * The type two values combine into in a vector: the same type; the other one with VOID; the
     * wider integer; DOUBLE for an integer with a floating value (FLOAT with FLOAT); STRING for
     * SYMBOL with STRING; else ANY.
     */
    public static DType commonType(DType a, DType b) {
        if (a == b) return a;
        if (a == DType.VOID) return b;
        if (b == DType.VOID) return a;
        if (a.isIntegral() && b.isIntegral()) return a.code() > b.code() ? a : b;
        if (a.isNumeric() && b.isNumeric()) return DType.DOUBLE;
        if (a.isLiteral() && b.isLiteral()) return DType.STRING;
        return DType.ANY;
    }
}
