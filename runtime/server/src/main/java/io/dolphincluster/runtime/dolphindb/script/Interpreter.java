package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.Dict;
import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Nothing;
import io.dolphincluster.runtime.dolphindb.data.Table;
import io.dolphincluster.runtime.dolphindb.data.Unsupported;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.dolphincluster.runtime.dolphindb.data.Vectors;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs statements and evaluates expressions for one request. A script's value is its last
 * statement's value when that is an expression, else nothing. Names resolve to (in order)
 * variables, shared tables, built-in functions and constants; anything else is an error naming it.
 */
public final class Interpreter {
    private static final int MAX_CALL_DEPTH = 200;

    private final FunctionRegistry functions;
    private final SharedTables shared;
    private final RequestInfo request;
    private final Scope globals;
    private int callDepth;

    public Interpreter(
            FunctionRegistry functions, SharedTables shared, RequestInfo request, Scope globals) {
        this.functions = functions;
        this.shared = shared;
        this.request = request;
        this.globals = globals;
    }

    public RequestInfo request() {
        return request;
    }

    public SharedTables shared() {
        return shared;
    }

    /** The session's variables. */
    public Scope globals() {
        return globals;
    }

    public FunctionRegistry functions() {
        return functions;
    }

    /** Runs a script's statements in the session's scope. */
    public Entity run(List<Stmt> statements) {
        try {
            return new StatementRunner(this).run(statements, globals);
        } catch (StatementRunner.ReturnSignal signal) {
            return signal.value();
        }
    }

    public Entity eval(Expr expr, Scope scope) {
        if (expr instanceof Expr.Literal literal) return literal.value();
        if (expr instanceof Expr.Name name) return resolve(name, scope);
        if (expr instanceof Expr.Call call) return call(call, scope);
        if (expr instanceof Expr.Binary binary)
            return BinaryOps.apply(
                    binary.op(),
                    vec(eval(binary.left(), scope), binary.op()),
                    vec(eval(binary.right(), scope), binary.op()));
        if (expr instanceof Expr.Unary unary) {
            Vec operand = vec(eval(unary.operand(), scope), unary.op());
            return unary.op().equals("-") ? Operators.negate(operand) : Comparisons.not(operand);
        }
        if (expr instanceof Expr.VectorOf vector)
            return Vectors.of(evalAll(vector.elements(), scope));
        if (expr instanceof Expr.TupleOf tuple)
            return Vec.ofAny(evalAll(tuple.elements(), scope).toArray(Entity[]::new));
        if (expr instanceof Expr.Partial partial) return partial(partial, scope);
        if (expr instanceof Expr.Member member)
            return Members.member(eval(member.target(), scope), member.name());
        if (expr instanceof Expr.Index index)
            return Members.index(eval(index.target(), scope), eval(index.index(), scope));
        if (expr instanceof Expr.Lambda lambda) return new UserFunction(lambda.definition());
        if (expr instanceof Expr.Select select) return Queries.run(select.query(), this, scope);
        if (expr instanceof Expr.Alias alias) return eval(alias.value(), scope);
        if (expr instanceof Expr.Star)
            throw new ScriptException("'*' is only allowed in count(*) and select *");
        throw new IllegalStateException("unknown expression " + expr);
    }

    private List<Entity> evalAll(List<Expr> exprs, Scope scope) {
        List<Entity> out = new ArrayList<>();
        for (Expr e : exprs) out.add(eval(e, scope));
        return out;
    }

    private Entity resolve(Expr.Name name, Scope scope) {
        Entity value = scope.lookup(name.name());
        if (value == null) value = shared.get(name.name());
        if (value == null) value = functions.find(name.name());
        if (value == null) value = Constants.find(name.name());
        if (value == null)
            throw new ScriptException(
                    "Syntax Error: [line #"
                            + name.line()
                            + "] Cannot recognize the token "
                            + name.name());
        return value;
    }

    private Entity call(Expr.Call call, Scope scope) {
        Callable function = callee(call.function(), scope);
        if (function.name().equals("count")
                && call.args().size() == 1
                && call.args().get(0).value() instanceof Expr.Star) {
            int rows = scope.rowCount();
            if (rows < 0) throw new ScriptException("count(*) is only allowed in a query");
            return Vec.ofLong(rows);
        }
        List<Entity> args = new ArrayList<>();
        List<Expr.Arg> named = new ArrayList<>();
        for (Expr.Arg arg : call.args()) {
            if (arg.name() != null) named.add(arg);
            else args.add(arg.value() == null ? null : argument(function, arg.value(), scope));
        }
        for (Expr.Arg arg : named) {
            int at = function.params().indexOf(arg.name());
            if (at < 0)
                throw new ScriptException(
                        "The function ["
                                + function.name()
                                + "] has no parameter named "
                                + arg.name());
            while (args.size() <= at) args.add(null);
            if (args.get(at) != null)
                throw new ScriptException(
                        "The argument "
                                + arg.name()
                                + " of ["
                                + function.name()
                                + "] is given twice");
            args.set(at, eval(arg.value(), scope));
        }
        return invoke(function, args);
    }

    /**
     * An argument's value; {@code table(...)} also gets the names its columns take ({@link
     * NamedValue}).
     */
    private Entity argument(Callable function, Expr value, Scope scope) {
        Entity evaluated = eval(value, scope);
        if (!(function instanceof Builtin builtin) || !builtin.name().equals("table"))
            return evaluated;
        if (value instanceof Expr.Alias alias) return new NamedValue(alias.name(), evaluated);
        if (value instanceof Expr.Name name) return new NamedValue(name.name(), evaluated);
        return evaluated;
    }

    private Callable callee(Expr function, Scope scope) {
        if (function instanceof Expr.Name name) {
            Entity variable = scope.lookup(name.name());
            if (variable instanceof Callable callable) return callable;
            Builtin builtin = functions.find(name.name());
            if (builtin != null) return builtin;
            throw new ScriptException(
                    "Syntax Error: [line #"
                            + name.line()
                            + "] Can't recognize function name "
                            + name.name());
        }
        Entity value = eval(function, scope);
        if (value instanceof Callable callable) return callable;
        throw new ScriptException("A " + value.describe() + " is not a function");
    }

    private Entity partial(Expr.Partial partial, Scope scope) {
        Callable function = callee(partial.function(), scope);
        List<Entity> fixed = new ArrayList<>();
        for (Expr arg : partial.args()) fixed.add(arg == null ? null : eval(arg, scope));
        return new PartialFunction(function, fixed);
    }

    /** Calls {@code function} with evaluated arguments (null for a left-out one). */
    public Entity invoke(Callable function, List<Entity> args) {
        for (Entity arg : args) {
            if (arg instanceof Unsupported unsupported)
                throw new ScriptException("Not supported by this server: " + unsupported.what());
        }
        if (++callDepth > MAX_CALL_DEPTH) {
            callDepth = 0;
            throw new ScriptException(
                    "Function calls are nested more than " + MAX_CALL_DEPTH + " deep");
        }
        try {
            return function.call(this, args);
        } finally {
            callDepth--;
        }
    }

    /**
     * The value as a scalar/vector operand of {@code op}; tables, dictionaries and functions are
     * not.
     */
    static Vec vec(Entity value, String op) {
        if (value instanceof Vec vec) return vec;
        if (value == Nothing.INSTANCE) return Vec.voidScalar();
        String what =
                value instanceof Table
                        ? "a table"
                        : value instanceof Dict ? "a dictionary" : value.describe();
        throw new ScriptException("The operator '" + op + "' does not apply to " + what);
    }
}
