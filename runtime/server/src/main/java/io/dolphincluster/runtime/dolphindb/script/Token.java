package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.Vec;

/**
 * A token of a script: a name, a literal (its value already made), an operator or punctuation, a
 * line break, or the end.
 *
 * @param line 1-based, for error messages
 */
record Token(Kind kind, String text, Vec value, int line) {
    enum Kind {
        NAME,
        LITERAL,
        OP,
        NEWLINE,
        END
    }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }

    boolean isOp(String t) {
        return kind == Kind.OP && text.equals(t);
    }

    /** A name, compared case-insensitively (SQL keywords are written either way). */
    boolean isWord(String word) {
        return kind == Kind.NAME && text.equalsIgnoreCase(word);
    }

    String shown() {
        return switch (kind) {
            case END -> "the end of the script";
            case NEWLINE -> "a line break";
            default -> "'" + text + "'";
        };
    }
}
