package io.dolphincluster.runtime.dolphindb.script;

import java.util.ArrayList;
import java.util.List;

/**
 * Statements: expressions, {@code x = expr}, {@code def f(a, b) { ... }}, {@code if (c) ... else
 * ...}, {@code for (x in v) ...}, {@code { ... }} blocks, {@code return}, {@code share t as name}
 * and {@code insert into t [(cols)] values (...)}, separated by line breaks or {@code ;}. The
 * statements of DolphinDB's language that this server does not run ({@code update}, {@code delete},
 * loops other than {@code for}, {@code try}...) are refused by name.
 */
public final class Parser {
    private static final List<String> UNSUPPORTED =
            List.of(
                    "update",
                    "delete",
                    "do",
                    "while",
                    "try",
                    "throw",
                    "break",
                    "continue",
                    "create",
                    "alter",
                    "pivot",
                    "module",
                    "use",
                    "timer",
                    "submitJob");

    private final TokenStream in;
    private final ExpressionParser expressions;

    private Parser(String script) {
        this.in = new TokenStream(Lexer.tokens(script));
        this.expressions = new ExpressionParser(in, this);
    }

    /** The statements of {@code script}. */
    public static List<Stmt> parse(String script) {
        Parser parser = new Parser(script);
        List<Stmt> statements = parser.statements(false);
        return statements;
    }

    /**
     * One expression that must make up all of {@code text} (a function request's function, e.g.
     * {@code tableInsert{t}}).
     */
    public static Expr parseExpression(String text) {
        Parser parser = new Parser(text);
        parser.in.skipNewlines();
        Expr expr = parser.expressions.expression();
        parser.in.skipNewlines();
        if (!parser.in.atEnd())
            throw ScriptException.syntax(
                    parser.in.peek().line(), "unexpected " + parser.in.peek().shown());
        return expr;
    }

    private List<Stmt> statements(boolean inBlock) {
        List<Stmt> out = new ArrayList<>();
        while (true) {
            while (in.peek().kind() == Token.Kind.NEWLINE || in.peek().isOp(";")) in.next();
            if (in.atEnd() || (inBlock && in.peek().isOp("}"))) return out;
            out.add(statement());
            Token after = in.peek();
            boolean ended =
                    after.kind() == Token.Kind.NEWLINE
                            || after.isOp(";")
                            || after.kind() == Token.Kind.END
                            || (inBlock && after.isOp("}"));
            if (!ended) throw ScriptException.syntax(after.line(), "unexpected " + after.shown());
        }
    }

    private Stmt statement() {
        Token token = in.peek();
        if (token.kind() == Token.Kind.NAME) {
            String word = token.text();
            if (word.equals("def") && in.peekSecond().kind() == Token.Kind.NAME) {
                in.next();
                String name = in.expectName();
                return new Stmt.Define(functionRest(name));
            }
            switch (word) {
                case "if":
                    return ifStatement();
                case "for":
                    return forStatement();
                case "return":
                    return returnStatement();
                case "share":
                    return share();
                case "go":
                    in.next();
                    return new Stmt.Block(List.of());
                default:
                    break;
            }
            if (token.isWord("insert") && in.peekSecond().isWord("into")) return insert();
            if (UNSUPPORTED.stream().anyMatch(token::isWord)
                    && in.peekSecond().kind() != Token.Kind.OP) {
                throw ScriptException.unsupported("the statement '" + word + "'");
            }
            if (in.peekSecond().isOp("=")) {
                in.next();
                in.next();
                in.skipNewlines();
                return new Stmt.Assign(word, expressions.expression());
            }
        }
        if (token.isOp("{")) return block();
        return new Stmt.Evaluate(expressions.expression());
    }

    private Stmt block() {
        in.expectOp("{");
        int saved = in.suspend();
        List<Stmt> body = statements(true);
        in.resume(saved);
        in.expectOp("}");
        return new Stmt.Block(body);
    }

    /**
     * A statement or block after {@code if (...)}, {@code else} or {@code for (...)}, possibly on
     * the next line.
     */
    private Stmt body() {
        in.skipNewlines();
        return statement();
    }

    private Stmt ifStatement() {
        in.next();
        in.open("(");
        Expr condition = expressions.expression();
        in.close(")");
        Stmt then = body();
        Stmt otherwise = null;
        if (in.wordAhead("else")) {
            in.next();
            otherwise = body();
        }
        return new Stmt.If(condition, then, otherwise);
    }

    private Stmt forStatement() {
        in.next();
        in.open("(");
        String variable = in.expectName();
        in.expectWord("in");
        Expr over = expressions.expression();
        in.close(")");
        return new Stmt.For(variable, over, body());
    }

    private Stmt returnStatement() {
        in.next();
        Token next = in.peek();
        boolean bare =
                next.kind() == Token.Kind.NEWLINE
                        || next.kind() == Token.Kind.END
                        || next.isOp(";")
                        || next.isOp("}");
        return new Stmt.Return(bare ? null : expressions.expression());
    }

    private Stmt share() {
        in.next();
        Expr table = expressions.expression();
        in.expectWord("as");
        return new Stmt.Share(table, in.expectName());
    }

    private Stmt insert() {
        Token insert = in.next();
        in.next();
        Expr table = new Expr.Name(in.expectName(), insert.line());
        List<String> columns = new ArrayList<>();
        if (in.peek().isOp("(")) {
            in.open("(");
            do {
                columns.add(in.expectName());
            } while (in.acceptOp(","));
            in.close(")");
        }
        in.expectWord("values");
        List<Expr> values = new ArrayList<>();
        in.open("(");
        do {
            values.add(expressions.expression());
        } while (in.acceptOp(","));
        in.close(")");
        return new Stmt.Insert(table, columns, values, insert.line());
    }

    /** After {@code def [name]}: {@code (params) {body}} or {@code (params): expr}. */
    FunctionDef functionRest(String name) {
        List<String> params = new ArrayList<>();
        in.open("(");
        if (!in.acceptOp(")")) {
            do {
                in.acceptWord("mutable");
                params.add(in.expectName());
            } while (in.acceptOp(","));
            in.close(")");
        } else {
            in.leave();
        }
        int saved = in.suspend();
        try {
            if (in.acceptOp(":"))
                return new FunctionDef(name, params, new Stmt.Return(expressions.expression()));
            in.skipNewlines();
            return new FunctionDef(name, params, block());
        } finally {
            in.resume(saved);
        }
    }
}
