package io.dolphincluster.runtime.dolphindb.dfs;

import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.protocol.query.Filter;
import io.dolphincluster.runtime.dolphindb.data.Casts;
import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Form;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.dolphincluster.runtime.dolphindb.script.Expr;
import io.dolphincluster.runtime.dolphindb.script.Interpreter;
import io.dolphincluster.runtime.dolphindb.script.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Splits a query's {@code where} conditions into filters the cluster evaluates (and prunes
 * partitions with): {@code column op value} and {@code column between a:b}, the value an expression
 * of no column that converts exactly to the column's type; and the rest, evaluated here on the rows
 * the filters let through. {@code !=} stays here: the cluster's filters never match a null,
 * DolphinDB's {@code !=} does.
 */
final class FilterPushdown {
    private static final Map<String, Filter.Op> OPS =
            Map.of(
                    "==",
                    Filter.Op.EQ,
                    "<",
                    Filter.Op.LT,
                    "<=",
                    Filter.Op.LE,
                    ">",
                    Filter.Op.GT,
                    ">=",
                    Filter.Op.GE);
    private static final Map<Filter.Op, Filter.Op> MIRRORED =
            Map.of(
                    Filter.Op.EQ,
                    Filter.Op.EQ,
                    Filter.Op.LT,
                    Filter.Op.GT,
                    Filter.Op.LE,
                    Filter.Op.GE,
                    Filter.Op.GT,
                    Filter.Op.LT,
                    Filter.Op.GE,
                    Filter.Op.LE);

    final List<Filter> filters = new ArrayList<>();
    final List<Expr> rest = new ArrayList<>();
    private final Schema schema;
    private final Set<String> columns = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final Interpreter interpreter;
    private final Scope scope;

    FilterPushdown(Schema schema, Interpreter interpreter, Scope scope) {
        this.schema = schema;
        schema.columns().forEach(c -> columns.add(c.name()));
        this.interpreter = interpreter;
        this.scope = scope;
    }

    void split(List<Expr> conditions) {
        for (Expr condition : conditions) splitConjunction(condition);
    }

    private void splitConjunction(Expr condition) {
        if (condition instanceof Expr.Binary binary && binary.op().equals("and")) {
            splitConjunction(binary.left());
            splitConjunction(binary.right());
        } else if (!push(condition)) {
            rest.add(condition);
        }
    }

    private boolean push(Expr condition) {
        if (!(condition instanceof Expr.Binary binary)) return false;
        if (binary.op().equals("between")
                && binary.left() instanceof Expr.Name name
                && isColumn(name)) {
            Vec bounds = constant(binary.right());
            if (bounds == null || bounds.form() != Form.PAIR) return false;
            Object low = exact(name, bounds.at(0));
            Object high = exact(name, bounds.at(1));
            if (low == null || high == null) return false;
            filters.add(new Filter(column(name), Filter.Op.GE, low));
            filters.add(new Filter(column(name), Filter.Op.LE, high));
            return true;
        }
        Filter.Op op = OPS.get(binary.op());
        if (op == null) return false;
        if (binary.left() instanceof Expr.Name name
                && isColumn(name)
                && !References.mentionsAny(binary.right(), columns)) {
            return add(name, op, binary.right());
        }
        if (binary.right() instanceof Expr.Name name
                && isColumn(name)
                && !References.mentionsAny(binary.left(), columns)) {
            return add(name, MIRRORED.get(op), binary.left());
        }
        return false;
    }

    private boolean add(Expr.Name name, Filter.Op op, Expr valueExpr) {
        Vec value = constant(valueExpr);
        Object exact = value == null || !value.isScalar() ? null : exact(name, value);
        if (exact == null) return false;
        filters.add(new Filter(column(name), op, exact));
        return true;
    }

    private Vec constant(Expr expr) {
        Entity value = interpreter.eval(expr, scope);
        return value instanceof Vec vec ? vec : null;
    }

    /**
     * The value as the column's stored Java value when it converts without loss, else null (then
     * filtered here).
     */
    private Object exact(Expr.Name name, Vec value) {
        if (value.isNull(0)) return null;
        ColumnType columnType = schema.column(schema.indexOf(column(name))).type();
        DType target = StorageTypes.dolphin(columnType);
        DType given = value.type();
        boolean lossless =
                given == target
                        || (given.isIntegral()
                                && (target == DType.INT
                                        || target == DType.LONG
                                        || target == DType.DOUBLE)
                                && given != DType.BOOL)
                        || (given.isLiteral() && (target.isLiteral() || target.isTemporal()))
                        || (target == DType.TIMESTAMP
                                && (given == DType.DATE || given == DType.DATETIME));
        if (!lossless) return null;
        try {
            return StorageTypes.toJava(Casts.to(value, target, "filter"), 0);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private boolean isColumn(Expr.Name name) {
        return columns.contains(name.name());
    }

    private String column(Expr.Name name) {
        return columns.stream().filter(name.name()::equalsIgnoreCase).findFirst().orElseThrow();
    }
}
