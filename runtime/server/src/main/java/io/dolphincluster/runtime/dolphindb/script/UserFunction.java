package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import java.util.List;

/**
 * A function defined in a script with {@code def}; its locals live over the session's variables.
 */
record UserFunction(FunctionDef definition) implements Callable {
    @Override
    public String name() {
        return definition.name() == null ? "lambda" : definition.name();
    }

    @Override
    public List<String> params() {
        return definition.params();
    }

    @Override
    public Entity call(Interpreter interpreter, List<Entity> args) {
        if (args.size() > params().size()) {
            throw new ScriptException(
                    "The function ["
                            + name()
                            + "] expects "
                            + params().size()
                            + " argument(s), got "
                            + args.size());
        }
        Scope locals = new Scope(interpreter.globals());
        for (int i = 0; i < params().size(); i++) {
            Entity arg = i < args.size() ? args.get(i) : null;
            locals.define(params().get(i), arg == null ? Vec.voidScalar() : arg);
        }
        try {
            return new StatementRunner(interpreter).run(List.of(definition.body()), locals);
        } catch (StatementRunner.ReturnSignal signal) {
            return signal.value();
        }
    }
}
