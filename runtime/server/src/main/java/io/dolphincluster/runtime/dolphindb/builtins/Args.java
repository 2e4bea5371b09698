package io.dolphincluster.runtime.dolphindb.builtins;

import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Table;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.dolphincluster.runtime.dolphindb.script.ScriptException;
import java.util.List;

/** Typed access to a built-in's arguments, with errors naming the function and the argument. */
final class Args {
    private Args() {}

    static boolean given(List<Entity> args, int i) {
        return i < args.size() && args.get(i) != null;
    }

    static Vec vec(String function, List<Entity> args, int i) {
        Entity value = args.get(i);
        if (value instanceof Vec vec) return vec;
        throw new ScriptException(
                "The argument "
                        + (i + 1)
                        + " of ["
                        + function
                        + "] must be a scalar or vector, got "
                        + value.describe());
    }

    static Vec scalar(String function, List<Entity> args, int i) {
        Vec value = vec(function, args, i);
        if (!value.isScalar())
            throw new ScriptException(
                    "The argument "
                            + (i + 1)
                            + " of ["
                            + function
                            + "] must be a scalar, got "
                            + value.describe());
        return value;
    }

    static String string(String function, List<Entity> args, int i) {
        Vec value = scalar(function, args, i);
        if (!value.type().isLiteral())
            throw new ScriptException(
                    "The argument "
                            + (i + 1)
                            + " of ["
                            + function
                            + "] must be a string, got "
                            + value.describe());
        return value.stringAt(0);
    }

    static long integer(String function, List<Entity> args, int i) {
        Vec value = scalar(function, args, i);
        if (!value.type().isIntegral() || value.isNull(0)) {
            throw new ScriptException(
                    "The argument "
                            + (i + 1)
                            + " of ["
                            + function
                            + "] must be an integer, got "
                            + value.describe());
        }
        return value.longAt(0);
    }

    static boolean bool(String function, List<Entity> args, int i, boolean otherwise) {
        if (!given(args, i)) return otherwise;
        Vec value = scalar(function, args, i);
        return !value.isNull(0) && value.doubleAt(0) != 0;
    }

    static Table table(String function, List<Entity> args, int i) {
        Entity value = args.get(i);
        if (value instanceof Table table) return table;
        throw new ScriptException(
                "The argument "
                        + (i + 1)
                        + " of ["
                        + function
                        + "] must be a table, got "
                        + value.describe());
    }
}
