package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Nothing;
import io.dolphincluster.runtime.dolphindb.data.Table;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import java.util.List;

/** Runs statements in a scope; the value is the last statement's when it is an expression. */
final class StatementRunner {
    /** {@code return} unwinding to the function (or script) that runs it. */
    static final class ReturnSignal extends RuntimeException {
        private final transient Entity value;

        ReturnSignal(Entity value) {
            super(null, null, false, false);
            this.value = value;
        }

        Entity value() {
            return value;
        }
    }

    private static final int MAX_LOOP_ITERATIONS = 10_000_000;

    private final Interpreter interpreter;

    StatementRunner(Interpreter interpreter) {
        this.interpreter = interpreter;
    }

    Entity run(List<Stmt> statements, Scope scope) {
        Entity last = Nothing.INSTANCE;
        for (Stmt statement : statements) last = run(statement, scope);
        return last;
    }

    private Entity run(Stmt statement, Scope scope) {
        if (statement instanceof Stmt.Evaluate evaluate)
            return interpreter.eval(evaluate.expr(), scope);
        if (statement instanceof Stmt.Assign assign) {
            scope.define(assign.name(), interpreter.eval(assign.value(), scope));
            return Nothing.INSTANCE;
        }
        if (statement instanceof Stmt.Define define) {
            scope.define(define.definition().name(), new UserFunction(define.definition()));
            return Nothing.INSTANCE;
        }
        if (statement instanceof Stmt.Block block) return run(block.statements(), scope);
        if (statement instanceof Stmt.If branch) {
            Vec condition = Interpreter.vec(interpreter.eval(branch.condition(), scope), "if");
            if (!condition.isScalar())
                throw new ScriptException("The condition of an if statement must be a scalar");
            if (Comparisons.truth(condition, 0)) return run(branch.then(), scope);
            return branch.otherwise() == null ? Nothing.INSTANCE : run(branch.otherwise(), scope);
        }
        if (statement instanceof Stmt.For loop) return loop(loop, scope);
        if (statement instanceof Stmt.Return ret) {
            throw new ReturnSignal(
                    ret.value() == null ? Nothing.INSTANCE : interpreter.eval(ret.value(), scope));
        }
        if (statement instanceof Stmt.Share share) {
            Entity table = interpreter.eval(share.table(), scope);
            if (!(table instanceof Table))
                throw new ScriptException("Only tables can be shared, got " + table.describe());
            interpreter.shared().put(share.name(), table);
            return Nothing.INSTANCE;
        }
        if (statement instanceof Stmt.Insert insert) return Inserts.run(insert, interpreter, scope);
        throw new IllegalStateException("unknown statement " + statement);
    }

    private Entity loop(Stmt.For loop, Scope scope) {
        Entity over = interpreter.eval(loop.over(), scope);
        if (!(over instanceof Vec values))
            throw new ScriptException("for (x in v) needs a vector, got " + over.describe());
        if (values.size() > MAX_LOOP_ITERATIONS)
            throw new ScriptException("a loop of more than " + MAX_LOOP_ITERATIONS + " iterations");
        for (int i = 0; i < values.size(); i++) {
            scope.define(loop.variable(), values.entityAt(i));
            run(loop.body(), scope);
        }
        return Nothing.INSTANCE;
    }
}
