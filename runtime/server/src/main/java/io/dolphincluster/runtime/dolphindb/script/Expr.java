package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.Entity;
import java.util.List;

/** The expressions of a script. */
public sealed interface Expr {
    /** A literal value. */
    record Literal(Entity value) implements Expr {}

    /** A variable, function or (inside SQL) column name. */
    record Name(String name, int line) implements Expr {}

    /** {@code [a, b, c]}: a vector (typed when the elements are scalars of compatible types). */
    record VectorOf(List<Expr> elements) implements Expr {}

    /** {@code (a, b)}: a tuple (an ANY vector). */
    record TupleOf(List<Expr> elements) implements Expr {}

    /**
     * {@code f(args)}; an argument may be named ({@code f(x=1)}) or left empty ({@code f(a,,b)}:
     * null expr).
     */
    record Call(Expr function, List<Arg> args, int line) implements Expr {}

    /**
     * {@code f{args}}: partial application; empty slots (null) are filled by the later call's
     * arguments.
     */
    record Partial(Expr function, List<Expr> args) implements Expr {}

    /** {@code target.name}: a table's column or a dictionary's key. */
    record Member(Expr target, String name) implements Expr {}

    /** {@code target[index]}. */
    record Index(Expr target, Expr index) implements Expr {}

    record Binary(String op, Expr left, Expr right, int line) implements Expr {}

    record Unary(String op, Expr operand) implements Expr {}

    /** {@code value as name} as an argument of {@code table(...)}. */
    record Alias(Expr value, String name) implements Expr {}

    /** {@code *} inside {@code count(*)}. */
    record Star() implements Expr {}

    /** {@code def (params) { body }}: an anonymous function. */
    record Lambda(FunctionDef definition) implements Expr {}

    /** A {@code select} or {@code exec} query. */
    record Select(SelectQuery query) implements Expr {}

    /** One argument of a call. */
    record Arg(String name, Expr value) {}
}
