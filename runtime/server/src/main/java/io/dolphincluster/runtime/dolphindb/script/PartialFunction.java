package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.Entity;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code f{a, , b}}: f with some arguments fixed; a call fills the empty slots in order, then
 * appends the rest.
 */
record PartialFunction(Callable function, List<Entity> fixed) implements Callable {
    @Override
    public String name() {
        return function.name();
    }

    @Override
    public List<String> params() {
        return List.of();
    }

    @Override
    public Entity call(Interpreter interpreter, List<Entity> args) {
        List<Entity> all = new ArrayList<>();
        int next = 0;
        for (Entity fixedArg : fixed) {
            if (fixedArg == null && next < args.size()) all.add(args.get(next++));
            else all.add(fixedArg);
        }
        while (next < args.size()) all.add(args.get(next++));
        return interpreter.invoke(function, all);
    }
}
