package io.dolphincluster.runtime.dolphindb.builtins;

import io.dolphincluster.runtime.auth.Authenticator;
import io.dolphincluster.runtime.dolphindb.dfs.ClusterBackend;
import io.dolphincluster.runtime.dolphindb.dfs.ClusterDirectory;
import io.dolphincluster.runtime.dolphindb.script.FunctionRegistry;

/** Every built-in function of the front end, in one registry. */
public final class Builtins {
    private Builtins() {}

    public static FunctionRegistry all(
            ClusterDirectory directory,
            ClusterBackend data,
            Authenticator authenticator,
            RsaKeys keys) {
        FunctionRegistry registry = new FunctionRegistry();
        Aggregates.register(registry);
        VectorFunctions.register(registry);
        TypeFunctions.register(registry);
        TableFunctions.register(registry);
        SessionFunctions.register(registry);
        DfsFunctions.register(registry, data);
        NodeFunctions.register(registry, directory);
        LoginFunctions.register(registry, authenticator, keys, directory.nodeAlias());
        return registry;
    }
}
