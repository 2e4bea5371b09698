package io.dolphincluster.runtime.dolphindb.script;

/** A script that cannot be parsed or run: the message is what the client sees (one line). */
public class ScriptException extends RuntimeException {
    public ScriptException(String message) {
        super(message);
    }

    static ScriptException syntax(int line, String message) {
        return new ScriptException("Syntax Error: [line #" + line + "] " + message);
    }

    /** A construct of DolphinDB's language this server does not run. */
    public static ScriptException unsupported(String construct) {
        return new ScriptException("Not supported by this server: " + construct);
    }
}
