package io.dolphincluster.runtime.dolphindb.script;

import java.util.List;

/**
 * The parsers' cursor over tokens. Inside brackets ({@link #open}/{@link #close}) line breaks are
 * skipped: an expression may span lines there; outside, a line break ends a statement unless a
 * parser asks to look past it.
 */
final class TokenStream {
    private final List<Token> tokens;
    private int pos;
    private int depth;

    TokenStream(List<Token> tokens) {
        this.tokens = tokens;
    }

    Token peek() {
        if (depth > 0) skipNewlines();
        return tokens.get(pos);
    }

    /** The token after the next one (line breaks skipped as by {@link #peek}). */
    Token peekSecond() {
        peek();
        int i = pos + 1;
        while (depth > 0 && i < tokens.size() - 1 && tokens.get(i).kind() == Token.Kind.NEWLINE)
            i++;
        return tokens.get(Math.min(i, tokens.size() - 1));
    }

    Token next() {
        Token token = peek();
        if (token.kind() != Token.Kind.END) pos++;
        return token;
    }

    boolean atEnd() {
        return peek().kind() == Token.Kind.END;
    }

    void skipNewlines() {
        while (tokens.get(pos).kind() == Token.Kind.NEWLINE) pos++;
    }

    /**
     * Whether the next token, looking past line breaks, is the word {@code word}; if so, moves to
     * it (not past it).
     */
    boolean wordAhead(String word) {
        int i = pos;
        while (tokens.get(i).kind() == Token.Kind.NEWLINE) i++;
        if (!tokens.get(i).isWord(word)) return false;
        pos = i;
        return true;
    }

    boolean acceptOp(String op) {
        if (!peek().isOp(op)) return false;
        next();
        return true;
    }

    boolean acceptWord(String word) {
        if (!peek().isWord(word)) return false;
        next();
        return true;
    }

    Token expectOp(String op) {
        Token token = next();
        if (!token.isOp(op))
            throw ScriptException.syntax(
                    token.line(), "expected '" + op + "' but found " + token.shown());
        return token;
    }

    void expectWord(String word) {
        Token token = next();
        if (!token.isWord(word))
            throw ScriptException.syntax(
                    token.line(), "expected '" + word + "' but found " + token.shown());
    }

    String expectName() {
        Token token = next();
        if (token.kind() != Token.Kind.NAME)
            throw ScriptException.syntax(
                    token.line(), "expected a name but found " + token.shown());
        return token.text();
    }

    /** Enters brackets: line breaks no longer end anything. */
    void open(String op) {
        expectOp(op);
        depth++;
    }

    /** Enters brackets whose opening token was already read. */
    void enter() {
        depth++;
    }

    /** Leaves brackets whose closing token was already read. */
    void leave() {
        depth--;
    }

    void close(String op) {
        expectOp(op);
        depth--;
    }

    /**
     * Leaves bracket mode for a nested block ({@code {...}} of a lambda body), restoring it after.
     */
    int suspend() {
        int saved = depth;
        depth = 0;
        return saved;
    }

    void resume(int saved) {
        depth = saved;
    }
}
