package io.dolphincluster.runtime.dolphindb.dfs;

import io.dolphincluster.runtime.dolphindb.script.Interpreter;
import io.dolphincluster.runtime.dolphindb.script.ScriptException;
import io.dolphincluster.runtime.dolphindb.wire.ApiSession;

/**
 * Creating, appending to and dropping DFS databases and tables is for admins; a reader's session
 * only reads.
 */
public final class WritePrivilege {
    private WritePrivilege() {}

    /** Throws DolphinDB's {@code <NoPrivilege>} error unless the request's session may write. */
    public static void require(Interpreter interpreter, String action) {
        ApiSession session = interpreter.request().session();
        if (!session.mayWrite()) {
            throw new ScriptException(
                    "<NoPrivilege>Not granted to "
                            + action
                            + ": user "
                            + session.user()
                            + " may only read");
        }
    }
}
