package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.TemporalLiterals;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a script into {@link Token}s: names (a trailing {@code !} belongs to the name, as in
 * {@code append!}), literals (numbers with DolphinDB's type suffixes {@code b c h i l f}, temporal
 * literals, strings in either quote, {@code 'a'} a CHAR, backtick strings and backtick vectors
 * {@code `a`b`c}), operators, and line breaks (a run of them is one token). Comments ({@code //},
 * {@code /* *}{@code /}) are dropped.
 */
final class Lexer {
    private static final Pattern TEMPORAL =
            Pattern.compile(
                    "\\d{4}\\.\\d{2}\\.\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?|\\d{4}\\.\\d{2}\\.\\d{2}(?!\\d)(?!\\.\\d)|\\d{4}\\.\\d{2}M"
                            + "|\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?|\\d{2}:\\d{2}m");
    private static final Pattern NUMBER =
            Pattern.compile("\\d+(\\.\\d+)?([eE][+-]?\\d+)?([bchilfF](?![A-Za-z0-9_]))?");
    private static final String[] OPERATORS = {
        "..", "==", "!=", "<>", "<=", ">=", "&&", "||", "<-", "->", "+", "-", "*", "/", "\\", "%",
        "<", ">", "=", "!", "&", "|", "^", "(", ")", "[", "]", "{", "}", ",", ";", ":", ".", "$",
        "?", "@"
    };

    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;

    private Lexer(String text) {
        this.text = text;
    }

    static List<Token> tokens(String script) {
        Lexer lexer = new Lexer(script);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                if (tokens.isEmpty() || tokens.get(tokens.size() - 1).kind() != Token.Kind.NEWLINE)
                    add(Token.Kind.NEWLINE, "\n", null);
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (text.startsWith("//", pos)) {
                while (pos < text.length() && text.charAt(pos) != '\n') pos++;
            } else if (text.startsWith("/*", pos)) {
                int end = text.indexOf("*/", pos + 2);
                if (end < 0) throw ScriptException.syntax(line, "a comment /* is not closed");
                for (int i = pos; i < end; i++) if (text.charAt(i) == '\n') line++;
                pos = end + 2;
            } else if (Character.isDigit(c)) {
                number();
            } else if (c == '"' || c == '\'') {
                quoted(c);
            } else if (c == '`') {
                backtick();
            } else if (Character.isLetter(c) || c == '_') {
                name();
            } else {
                operator();
            }
        }
        add(Token.Kind.END, "", null);
    }

    private void add(Token.Kind kind, String tokenText, Vec value) {
        tokens.add(new Token(kind, tokenText, value, line));
    }

    private void number() {
        Matcher temporal = TEMPORAL.matcher(text).region(pos, text.length());
        if (temporal.lookingAt()) {
            Vec value = TemporalLiterals.parse(temporal.group());
            if (value == null)
                throw ScriptException.syntax(
                        line, "'" + temporal.group() + "' is not a valid date or time");
            add(Token.Kind.LITERAL, temporal.group(), value);
            pos = temporal.end();
            return;
        }
        Matcher number = NUMBER.matcher(text).region(pos, text.length());
        number.lookingAt();
        String literal = number.group();
        pos = number.end();
        add(Token.Kind.LITERAL, literal, NumberLiterals.parse(literal, line));
    }

    private void quoted(char quote) {
        StringBuilder out = new StringBuilder();
        int i = pos + 1;
        while (true) {
            if (i >= text.length()) throw ScriptException.syntax(line, "a string is not closed");
            char c = text.charAt(i);
            if (c == quote) break;
            if (c == '\n') line++;
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(
                        switch (next) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            case '0' -> '\0';
                            default -> next;
                        });
            } else {
                out.append(c);
            }
            i++;
        }
        String literal = text.substring(pos, i + 1);
        pos = i + 1;
        boolean isChar = quote == '\'' && out.length() == 1;
        add(
                Token.Kind.LITERAL,
                literal,
                isChar ? Vec.scalar(DType.CHAR, out.charAt(0)) : Vec.ofString(out.toString()));
    }

    private void backtick() {
        List<String> values = new ArrayList<>();
        int start = pos;
        while (pos < text.length() && text.charAt(pos) == '`') {
            int from = ++pos;
            while (pos < text.length()
                    && (Character.isLetterOrDigit(text.charAt(pos))
                            || text.charAt(pos) == '_'
                            || text.charAt(pos) == '.')) pos++;
            values.add(text.substring(from, pos));
        }
        Vec value =
                values.size() == 1
                        ? Vec.ofString(values.get(0))
                        : Vec.ofStrings(DType.STRING, values.toArray(String[]::new));
        add(Token.Kind.LITERAL, text.substring(start, pos), value);
    }

    private void name() {
        int start = pos;
        while (pos < text.length()
                && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) pos++;
        if (pos < text.length() && text.charAt(pos) == '!' && !text.startsWith("!=", pos)) pos++;
        add(Token.Kind.NAME, text.substring(start, pos), null);
    }

    private void operator() {
        for (String op : OPERATORS) {
            if (text.startsWith(op, pos)) {
                add(Token.Kind.OP, op, null);
                pos += op.length();
                return;
            }
        }
        throw ScriptException.syntax(line, "unexpected character '" + text.charAt(pos) + "'");
    }
}
