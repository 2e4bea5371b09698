package io.dolphincluster.runtime.dolphindb.builtins;

import io.dolphincluster.runtime.dolphindb.data.Nothing;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.dolphincluster.runtime.dolphindb.script.Constants;
import io.dolphincluster.runtime.dolphindb.script.FunctionRegistry;

/**
 * {@code undef(name)} / {@code undef(`a`b)}: forgets session variables (or, with {@code SHARED},
 * shared tables).
 */
final class SessionFunctions {
    private SessionFunctions() {}

    static void register(FunctionRegistry registry) {
        registry.add(
                "undef",
                1,
                2,
                (in, args) -> {
                    Vec names = Args.vec("undef", args, 0);
                    boolean shared =
                            Args.given(args, 1)
                                    && Args.integer("undef", args, 1) == Constants.SHARED;
                    for (int i = 0; i < names.size(); i++) {
                        String name = names.stringAt(i);
                        if (shared) in.shared().remove(name);
                        else in.globals().remove(name);
                    }
                    return Nothing.INSTANCE;
                });
    }
}
