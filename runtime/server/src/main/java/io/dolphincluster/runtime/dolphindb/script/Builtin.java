package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.Entity;
import java.util.List;

/**
 * A built-in function: its name, parameter names (for named arguments), how many arguments it
 * takes, whether it is an aggregate (a vector in, one value out: it makes a query aggregate), and
 * what it does.
 */
public record Builtin(
        String name, List<String> params, int minArgs, int maxArgs, boolean aggregate, Body body)
        implements Callable {
    /** What a built-in does with its arguments (a left-out argument is null). */
    @FunctionalInterface
    public interface Body {
        Entity apply(Interpreter interpreter, List<Entity> args);
    }

    public Builtin {
        params = List.copyOf(params);
    }

    @Override
    public Entity call(Interpreter interpreter, List<Entity> args) {
        int given = args.size();
        while (given > 0 && args.get(given - 1) == null) given--;
        if (given < minArgs || args.size() > maxArgs) {
            String expected =
                    minArgs == maxArgs ? String.valueOf(minArgs) : minArgs + " to " + maxArgs;
            throw new ScriptException(
                    "The function ["
                            + name
                            + "] expects "
                            + expected
                            + " argument(s), got "
                            + args.size());
        }
        return body.apply(interpreter, args);
    }
}
