package io.dolphincluster.runtime.dolphindb;

import io.dolphincluster.runtime.auth.Authenticator;
import io.dolphincluster.runtime.dolphindb.builtins.Builtins;
import io.dolphincluster.runtime.dolphindb.builtins.RsaKeys;
import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Nothing;
import io.dolphincluster.runtime.dolphindb.dfs.ClusterBackend;
import io.dolphincluster.runtime.dolphindb.dfs.ClusterDirectory;
import io.dolphincluster.runtime.dolphindb.dfs.ClusterUnavailableException;
import io.dolphincluster.runtime.dolphindb.dfs.DataElsewhereException;
import io.dolphincluster.runtime.dolphindb.script.Callable;
import io.dolphincluster.runtime.dolphindb.script.Expr;
import io.dolphincluster.runtime.dolphindb.script.FunctionRegistry;
import io.dolphincluster.runtime.dolphindb.script.Interpreter;
import io.dolphincluster.runtime.dolphindb.script.Parser;
import io.dolphincluster.runtime.dolphindb.script.RequestInfo;
import io.dolphincluster.runtime.dolphindb.script.Scope;
import io.dolphincluster.runtime.dolphindb.script.ScriptException;
import io.dolphincluster.runtime.dolphindb.script.SharedTables;
import io.dolphincluster.runtime.dolphindb.wire.ApiRequest;
import io.dolphincluster.runtime.dolphindb.wire.ApiRequestRunner;
import io.dolphincluster.runtime.dolphindb.wire.ApiSession;
import io.dolphincluster.runtime.dolphindb.wire.Replies;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs DolphinDB API requests on a node (a datanode, or a controller whose {@link ClusterBackend}
 * refuses every data request): {@code connect} (with the JavaScript API's inline login), scripts,
 * function calls (the function may be any expression, e.g. {@code
 * tableInsert{loadTable('dfs://db','t')}}) and uploads of variables, each session with its own
 * variables. Before login a session may only call the functions a client calls while it connects
 * and logs in. Errors are one line; a failure the client may retry on another node starts with
 * {@code <DataNodeNotAvail>}, which makes the HA client fail over and re-send.
 */
public final class DolphinFrontEnd implements ApiRequestRunner {
    static final String LOGIN_REQUIRED =
            "Login is required for script execution with client authentication enabled.";

    /**
     * What a client calls to connect and log in; nothing about the cluster (its nodes, sites,
     * leader) before a login.
     */
    private static final Set<String> GUEST_FUNCTIONS =
            Set.of(
                    "getDynamicPublicKey",
                    "login",
                    "logout",
                    "isNodeInitialized",
                    "isClientAuth",
                    "version");

    private final FunctionRegistry functions;
    private final SharedTables shared = new SharedTables();

    public DolphinFrontEnd(
            ClusterDirectory directory, ClusterBackend data, Authenticator authenticator) {
        this.functions =
                Builtins.all(directory, data, authenticator, new RsaKeys().prepareInBackground());
    }

    @Override
    public Entity run(ApiSession session, ApiRequest request) {
        Scope globals = globals(session);
        Interpreter interpreter =
                new Interpreter(
                        functions,
                        shared,
                        new RequestInfo(session, request.clientId(), request.seqNo()),
                        globals);
        try {
            return switch (request.kind()) {
                case CONNECT -> connect(interpreter, request.text());
                case SCRIPT -> {
                    requireLogin(session);
                    yield interpreter.run(Parser.parse(request.text()));
                }
                case FUNCTION -> function(interpreter, session, request);
                case VARIABLE -> upload(globals, session, request);
            };
        } finally {
            if ((request.flags() & ApiRequest.FLAG_CLEAR_SESSION) != 0) globals.clear();
        }
    }

    private static Scope globals(ApiSession session) {
        if (session.state() instanceof Scope scope) return scope;
        Scope scope = new Scope(null);
        session.state(scope);
        return scope;
    }

    /**
     * {@code connect}, optionally followed by {@code login\nuser\npassword} (the JavaScript API's
     * plain login).
     */
    private Entity connect(Interpreter interpreter, String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length >= 3 && lines[0].equals("login")) {
            Callable login = functions.find("login");
            return interpreter.invoke(
                    login,
                    List.of(
                            io.dolphincluster.runtime.dolphindb.data.Vec.ofString(lines[1]),
                            io.dolphincluster.runtime.dolphindb.data.Vec.ofString(lines[2])));
        }
        return Nothing.INSTANCE;
    }

    private Entity function(Interpreter interpreter, ApiSession session, ApiRequest request) {
        Expr expr = Parser.parseExpression(request.text());
        if (!session.loggedIn()
                && !(expr instanceof Expr.Name name && GUEST_FUNCTIONS.contains(name.name()))) {
            if (expr instanceof Expr.Name name && functions.find(name.name()) == null) {
                throw new ScriptException("Can't recognize function name " + name.name());
            }
            throw new ScriptException(LOGIN_REQUIRED);
        }
        Entity function = interpreter.eval(expr, interpreter.globals());
        if (!(function instanceof Callable callable))
            throw new ScriptException(request.text() + " is not a function");
        return interpreter.invoke(callable, new ArrayList<>(request.args()));
    }

    private static Entity upload(Scope globals, ApiSession session, ApiRequest request) {
        requireLogin(session);
        String[] names = request.text().split(",");
        if (names.length != request.args().size()) {
            throw new ScriptException(
                    "The upload names "
                            + names.length
                            + " variables for "
                            + request.args().size()
                            + " values");
        }
        for (int i = 0; i < names.length; i++) {
            String name = names[i].strip();
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*"))
                throw new ScriptException("'" + name + "' is not a valid variable name");
            if (request.args().get(i)
                    instanceof io.dolphincluster.runtime.dolphindb.data.Unsupported unsupported) {
                throw ScriptException.unsupported(unsupported.what());
            }
            globals.define(name, request.args().get(i));
        }
        return Nothing.INSTANCE;
    }

    private static void requireLogin(ApiSession session) {
        if (!session.loggedIn()) throw new ScriptException(LOGIN_REQUIRED);
    }

    @Override
    public String errorMessage(Throwable failure) {
        if (failure instanceof ClusterUnavailableException
                || failure instanceof DataElsewhereException) {
            return Replies.NOT_AVAILABLE + " " + failure.getMessage();
        }
        if (failure instanceof ScriptException || failure instanceof IllegalArgumentException)
            return failure.getMessage();
        if (failure instanceof StackOverflowError) return "The script is nested too deeply";
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
