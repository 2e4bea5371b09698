package io.dolphincluster.runtime.dolphindb.builtins;

import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Dict;
import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Form;
import io.dolphincluster.runtime.dolphindb.data.Nothing;
import io.dolphincluster.runtime.dolphindb.data.Table;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.dolphincluster.runtime.dolphindb.data.VecBuilder;
import io.dolphincluster.runtime.dolphindb.data.Vectors;
import io.dolphincluster.runtime.dolphindb.script.FunctionRegistry;
import io.dolphincluster.runtime.dolphindb.script.RemoteTable;
import io.dolphincluster.runtime.dolphindb.script.ScriptException;
import io.dolphincluster.runtime.dolphindb.script.VectorLimits;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sizes, test data ({@code rand}, {@code take}, {@code til}), nulls, {@code iif}, sorting and
 * distinct values.
 */
final class VectorFunctions {
    static final int MAX_GENERATED = VectorLimits.MAX_VALUES;

    private VectorFunctions() {}

    static void register(FunctionRegistry registry) {
        registry.add("size", 1, 1, (in, args) -> Vec.ofInt(size(args.get(0))));
        registry.add("rows", 1, 1, (in, args) -> Vec.ofInt(size(args.get(0))));
        registry.add(
                "cols", 1, 1, (in, args) -> Vec.ofInt(Args.table("cols", args, 0).columnCount()));
        registry.add(
                "til", 1, 1, (in, args) -> til(generated("til", Args.integer("til", args, 0))));
        registry.add(
                "take",
                2,
                2,
                (in, args) ->
                        take(
                                Args.vec("take", args, 0),
                                generated("take", Args.integer("take", args, 1))));
        registry.add(
                "rand",
                1,
                2,
                (in, args) ->
                        rand(
                                Args.vec("rand", args, 0),
                                Args.given(args, 1)
                                        ? generated("rand", Args.integer("rand", args, 1))
                                        : -1));
        registry.add("isNull", 1, 1, (in, args) -> nullness(Args.vec("isNull", args, 0), true));
        registry.add("isValid", 1, 1, (in, args) -> nullness(Args.vec("isValid", args, 0), false));
        registry.add(
                "iif",
                3,
                3,
                (in, args) ->
                        iif(
                                Args.vec("iif", args, 0),
                                Args.vec("iif", args, 1),
                                Args.vec("iif", args, 2)));
        registry.add("distinct", 1, 1, (in, args) -> distinct(Args.vec("distinct", args, 0)));
        registry.add("reverse", 1, 1, (in, args) -> reverse(Args.vec("reverse", args, 0)));
        registry.add(
                "sort",
                1,
                2,
                (in, args) -> sort(Args.vec("sort", args, 0), Args.bool("sort", args, 1, true)));
        registry.add("print", 0, 64, (in, args) -> Nothing.INSTANCE);
        registry.add(
                "dict",
                2,
                2,
                (in, args) -> dict(Args.vec("dict", args, 0), Args.vec("dict", args, 1)));
        registry.add("keys", 1, 1, (in, args) -> keys(args.get(0)));
    }

    static int size(Entity value) {
        if (value instanceof Vec vec) return vec.size();
        if (value instanceof Table table) return table.rows();
        if (value instanceof Dict dict) return dict.size();
        if (value instanceof RemoteTable)
            throw new ScriptException("Use exec count(*) from t to count the rows of a DFS table");
        throw new ScriptException("size does not apply to " + value.describe());
    }

    private static int generated(String function, long n) {
        if (n < 0 || n > MAX_GENERATED)
            throw new ScriptException(
                    "[" + function + "] makes 0 to " + MAX_GENERATED + " values, not " + n);
        return (int) n;
    }

    private static Vec til(int n) {
        long[] values = new long[n];
        for (int i = 0; i < n; i++) values[i] = i;
        return Vec.ofLongs(DType.INT, values);
    }

    private static Vec take(Vec values, int n) {
        if (values.size() == 0) throw new ScriptException("[take] needs a non-empty vector");
        VecBuilder out = new VecBuilder(values.type(), n);
        for (int i = 0; i < n; i++) out.add(values, i % values.size());
        return out.build();
    }

    private static Vec rand(Vec source, int n) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int count = n < 0 ? 1 : n;
        VecBuilder out;
        if (!source.isScalar()) {
            if (source.size() == 0) throw new ScriptException("[rand] needs a non-empty vector");
            out = new VecBuilder(source.type(), count);
            for (int i = 0; i < count; i++) out.add(source, random.nextInt(source.size()));
        } else if (source.type().isFloating()) {
            out = new VecBuilder(source.type(), count);
            for (int i = 0; i < count; i++) out.addDouble(random.nextDouble() * source.doubleAt(0));
        } else if (source.type().isIntegral() || source.type().isTemporal()) {
            long bound = source.longAt(0);
            if (bound <= 0)
                throw new ScriptException("[rand] needs a positive bound, got " + source);
            out = new VecBuilder(source.type() == DType.BOOL ? DType.INT : source.type(), count);
            for (int i = 0; i < count; i++) out.addLong(random.nextLong(bound));
        } else {
            throw new ScriptException(
                    "[rand] needs a number or a vector, got " + source.describe());
        }
        Vec result = out.build();
        return n < 0 ? result.at(0) : result;
    }

    private static Vec nullness(Vec values, boolean isNull) {
        VecBuilder out = new VecBuilder(DType.BOOL, values.size());
        for (int i = 0; i < values.size(); i++) out.addLong(values.isNull(i) == isNull ? 1 : 0);
        return values.isScalar() ? out.build().as(Form.SCALAR) : out.build();
    }

    private static Vec iif(Vec condition, Vec yes, Vec no) {
        int size = condition.size();
        DType type = Vectors.commonType(yes.type(), no.type());
        VecBuilder out = new VecBuilder(type, size);
        for (int i = 0; i < size; i++) {
            boolean truth = !condition.isNull(i) && condition.doubleAt(i) != 0;
            Vec from = truth ? yes : no;
            out.add(from, from.isScalar() ? 0 : i);
        }
        return condition.isScalar() ? out.build().as(Form.SCALAR) : out.build();
    }

    private static Vec distinct(Vec values) {
        Set<Object> seen = new LinkedHashSet<>();
        VecBuilder out = new VecBuilder(values.type(), values.size());
        for (int i = 0; i < values.size(); i++) if (seen.add(values.keyAt(i))) out.add(values, i);
        return out.build();
    }

    private static Vec reverse(Vec values) {
        int[] indexes = new int[values.size()];
        for (int i = 0; i < indexes.length; i++) indexes[i] = indexes.length - 1 - i;
        return values.pick(indexes);
    }

    private static Vec sort(Vec values, boolean ascending) {
        Integer[] indexes = new Integer[values.size()];
        for (int i = 0; i < indexes.length; i++) indexes[i] = i;
        java.util.Arrays.sort(
                indexes,
                (a, b) -> {
                    int c =
                            values.isNull(a) || values.isNull(b)
                                    ? Boolean.compare(!values.isNull(a), !values.isNull(b))
                                    : values.type().isLiteral()
                                            ? values.stringAt(a).compareTo(values.stringAt(b))
                                            : Double.compare(
                                                    values.doubleAt(a), values.doubleAt(b));
                    return ascending ? c : -c;
                });
        return values.pick(java.util.Arrays.stream(indexes).mapToInt(Integer::intValue).toArray());
    }

    private static Dict dict(Vec keys, Vec values) {
        if (keys.isScalar()
                && values.isScalar()
                && keys.type().isIntegral()
                && values.type().isIntegral()) {
            DType keyType = DType.ofCode((int) keys.longAt(0));
            if (keyType == null) throw new ScriptException("[dict] unknown key type " + keys);
            return new Dict(keyType);
        }
        if (keys.size() != values.size())
            throw new ScriptException("[dict] needs as many values as keys");
        Dict out = new Dict(keys.type());
        for (int i = 0; i < keys.size(); i++) out.put(keys.at(i), values.entityAt(i));
        return out;
    }

    private static Vec keys(Entity value) {
        if (!(value instanceof Dict dict))
            throw new ScriptException("[keys] needs a dictionary, got " + value.describe());
        return Vectors.of(List.copyOf(dict.entries().keySet()));
    }
}
