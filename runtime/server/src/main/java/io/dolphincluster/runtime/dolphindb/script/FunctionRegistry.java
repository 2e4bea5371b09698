package io.dolphincluster.runtime.dolphindb.script;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The built-in functions by name. */
public final class FunctionRegistry {
    private final Map<String, Builtin> functions = new HashMap<>();

    /** A function taking {@code min} to {@code max} arguments named {@code params}. */
    public FunctionRegistry add(
            String name, int min, int max, List<String> params, Builtin.Body body) {
        return add(new Builtin(name, params, min, max, false, body));
    }

    public FunctionRegistry add(String name, int min, int max, Builtin.Body body) {
        return add(name, min, max, List.of(), body);
    }

    /** An aggregate: one vector in, one value out. */
    public FunctionRegistry aggregate(String name, Builtin.Body body) {
        return add(new Builtin(name, List.of("X"), 1, 1, true, body));
    }

    public FunctionRegistry add(Builtin builtin) {
        if (functions.putIfAbsent(builtin.name(), builtin) != null)
            throw new IllegalStateException("function " + builtin.name() + " defined twice");
        return this;
    }

    /** The function named {@code name}, or null. */
    public Builtin find(String name) {
        return functions.get(name);
    }

    public boolean isAggregate(String name) {
        Builtin builtin = functions.get(name);
        return builtin != null && builtin.aggregate();
    }
}
