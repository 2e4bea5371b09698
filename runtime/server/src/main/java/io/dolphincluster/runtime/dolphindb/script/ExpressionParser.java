package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.dolphincluster.runtime.dolphindb.data.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Expressions, loosest first: {@code or ||}, {@code and &&}, {@code not}, comparisons ({@code == =
 * != <> < <= > >=}, {@code in}, {@code between}, {@code like}), pairs {@code a:b}, ranges {@code
 * a..b}, {@code + -}, {@code * / \ %}, casts {@code $}, unary {@code - !}, then calls {@code
 * f(...)}, partial application {@code f{...}}, indexing {@code x[i]} and members {@code x.name} /
 * methods {@code x.f(...)}. Literals written side by side ({@code 1 2 3}) form a vector.
 */
final class ExpressionParser {
    private static final List<String> COMPARISONS =
            List.of("==", "=", "!=", "<>", "<", "<=", ">", ">=");

    private final TokenStream in;
    private final Parser statements;

    ExpressionParser(TokenStream in, Parser statements) {
        this.in = in;
        this.statements = statements;
    }

    Expr expression() {
        return leftAssociative(this::and, Map.of("||", "or", "or", "or"));
    }

    private Expr and() {
        return leftAssociative(this::not, Map.of("&&", "and", "and", "and"));
    }

    /**
     * {@code next (op next)*}, grouped from the left; {@code ops} maps each operator (a symbol, or
     * a word in any case) to the name the tree uses for it.
     */
    private Expr leftAssociative(Supplier<Expr> next, Map<String, String> ops) {
        Expr left = next.get();
        while (true) {
            Token token = in.peek();
            String name =
                    token.kind() == Token.Kind.OP
                            ? ops.get(token.text())
                            : token.kind() == Token.Kind.NAME
                                    ? ops.get(token.text().toLowerCase(Locale.ROOT))
                                    : null;
            if (name == null) return left;
            in.next();
            left = new Expr.Binary(name, left, operand(next), token.line());
        }
    }

    private Expr not() {
        if (in.peek().isWord("not")) {
            in.next();
            return new Expr.Unary("!", not());
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = pair();
        Token op = in.peek();
        if (op.kind() == Token.Kind.OP && COMPARISONS.contains(op.text())) {
            in.next();
            String name = op.text().equals("=") ? "==" : op.text().equals("<>") ? "!=" : op.text();
            return new Expr.Binary(name, left, operand(this::pair), op.line());
        }
        if (op.isWord("in") || op.isWord("between") || op.isWord("like")) {
            in.next();
            return new Expr.Binary(op.text().toLowerCase(), left, operand(this::pair), op.line());
        }
        return left;
    }

    private Expr pair() {
        Expr left = range();
        if (in.peek().isOp(":")) {
            Token op = in.next();
            return new Expr.Binary(":", left, operand(this::range), op.line());
        }
        return left;
    }

    private Expr range() {
        Expr left = additive();
        if (in.peek().isOp("..")) {
            Token op = in.next();
            return new Expr.Binary("..", left, operand(this::additive), op.line());
        }
        return left;
    }

    private Expr additive() {
        return leftAssociative(this::multiplicative, Map.of("+", "+", "-", "-"));
    }

    private Expr multiplicative() {
        return leftAssociative(this::cast, Map.of("*", "*", "/", "/", "\\", "\\", "%", "%"));
    }

    private Expr cast() {
        return leftAssociative(this::unary, Map.of("$", "$"));
    }

    private Expr unary() {
        if (in.peek().isOp("-")) {
            in.next();
            Expr operand = unary();
            if (operand instanceof Expr.Literal literal
                    && literal.value() instanceof Vec v
                    && v.isScalar()
                    && v.type().isNumeric()) {
                return new Expr.Literal(Operators.negate(v));
            }
            return new Expr.Unary("-", operand);
        }
        if (in.peek().isOp("!")) {
            in.next();
            return new Expr.Unary("!", unary());
        }
        return postfix(primary());
    }

    /** The right operand of a binary operator, which may follow on the next line. */
    private Expr operand(Supplier<Expr> level) {
        in.skipNewlines();
        return level.get();
    }

    private Expr postfix(Expr expr) {
        while (true) {
            Token token = in.peek();
            if (token.isOp("(")) {
                expr = new Expr.Call(expr, arguments("(", ")"), token.line());
            } else if (token.isOp("{")) {
                List<Expr> args = new ArrayList<>();
                for (Expr.Arg arg : arguments("{", "}")) args.add(arg.value());
                expr = new Expr.Partial(expr, args);
            } else if (token.isOp("[")) {
                in.open("[");
                Expr index = expression();
                in.close("]");
                expr = new Expr.Index(expr, index);
            } else if (token.isOp(".")) {
                in.next();
                String name = in.expectName();
                if (in.peek().isOp("(")) {
                    Token open = in.peek();
                    List<Expr.Arg> args = new ArrayList<>();
                    args.add(new Expr.Arg(null, expr));
                    args.addAll(arguments("(", ")"));
                    expr = new Expr.Call(new Expr.Name(name, open.line()), args, open.line());
                } else {
                    expr = new Expr.Member(expr, name);
                }
            } else {
                return expr;
            }
        }
    }

    /** {@code (a, name=b, , *)}: positional, named, empty (null value) and star arguments. */
    List<Expr.Arg> arguments(String open, String close) {
        List<Expr.Arg> args = new ArrayList<>();
        in.open(open);
        if (in.acceptOp(close)) {
            in.leave();
            return args;
        }
        while (true) {
            Token token = in.peek();
            if (token.isOp(",") || token.isOp(close)) {
                args.add(new Expr.Arg(null, null));
            } else if (token.isOp("*")
                    && (in.peekSecond().isOp(close) || in.peekSecond().isOp(","))) {
                in.next();
                args.add(new Expr.Arg(null, new Expr.Star()));
            } else if (token.kind() == Token.Kind.NAME && in.peekSecond().isOp("=")) {
                String name = in.next().text();
                in.next();
                args.add(new Expr.Arg(name, expression()));
            } else {
                Expr value = expression();
                if (in.acceptWord("as")) value = new Expr.Alias(value, in.expectName());
                args.add(new Expr.Arg(null, value));
            }
            if (in.acceptOp(",")) continue;
            in.close(close);
            return args;
        }
    }

    /** A literal or a name alone (the count of {@code top n}, which {@code *} may follow). */
    Expr atom() {
        return primary();
    }

    private Expr primary() {
        Token token = in.next();
        switch (token.kind()) {
            case LITERAL:
                return juxtaposed(token);
            case NAME:
                return name(token);
            case OP:
                if (token.text().equals("(")) return parenthesized();
                if (token.text().equals("[")) return vector();
                throw ScriptException.syntax(token.line(), "unexpected " + token.shown());
            default:
                throw ScriptException.syntax(
                        token.line(), "an expression is missing before " + token.shown());
        }
    }

    private Expr name(Token token) {
        String word = token.text();
        switch (word) {
            case "true":
                return new Expr.Literal(Vec.bool(true));
            case "false":
                return new Expr.Literal(Vec.bool(false));
            case "NULL":
                return new Expr.Literal(Vec.voidScalar());
            case "def":
                return new Expr.Lambda(statements.functionRest(null));
            default:
                if (token.isWord("select") || token.isWord("exec"))
                    return new Expr.Select(new SelectParser(in, this).query(token));
                return new Expr.Name(word, token.line());
        }
    }

    /** {@code 1 2 3}, {@code 1 NULL 3}: literals of numbers or times side by side form a vector. */
    private Expr juxtaposed(Token first) {
        Vec value = first.value();
        if (!value.type().isNumeric() && !value.type().isTemporal()) return new Expr.Literal(value);
        List<Vec> elements = new ArrayList<>(List.of(value));
        while (true) {
            Token next = in.peek();
            if (next.kind() == Token.Kind.LITERAL
                    && (next.value().type().isNumeric() || next.value().type().isTemporal())) {
                elements.add(in.next().value());
            } else if (next.kind() == Token.Kind.NAME && next.text().equals("NULL")) {
                in.next();
                elements.add(Vec.voidScalar());
            } else {
                break;
            }
        }
        if (elements.size() == 1) return new Expr.Literal(value);
        Vec vector = Vectors.of(elements);
        if (vector.type() == DType.ANY)
            throw ScriptException.syntax(
                    first.line(), "the values of a vector have different types");
        return new Expr.Literal(vector);
    }

    private Expr parenthesized() {
        in.enter();
        if (in.acceptOp(")")) {
            in.leave();
            return new Expr.TupleOf(List.of());
        }
        Expr first = expression();
        if (in.peek().isOp(",")) {
            List<Expr> elements = new ArrayList<>(List.of(first));
            while (in.acceptOp(",")) elements.add(expression());
            in.close(")");
            return new Expr.TupleOf(elements);
        }
        in.close(")");
        return first;
    }

    private Expr vector() {
        in.enter();
        List<Expr> elements = new ArrayList<>();
        if (!in.acceptOp("]")) {
            do {
                elements.add(expression());
            } while (in.acceptOp(","));
            in.close("]");
        } else {
            in.leave();
        }
        return new Expr.VectorOf(elements);
    }
}
