package io.dolphincluster.runtime.dolphindb.script;

import java.util.List;

/** The statements of a script. */
public sealed interface Stmt {
    record Evaluate(Expr expr) implements Stmt {}

    record Assign(String name, Expr value) implements Stmt {}

    record Define(FunctionDef definition) implements Stmt {}

    record If(Expr condition, Stmt then, Stmt otherwise) implements Stmt {}

    record For(String variable, Expr over, Stmt body) implements Stmt {}

    record Block(List<Stmt> statements) implements Stmt {}

    record Return(Expr value) implements Stmt {}

    /** {@code share t as name}: a table every session of this node sees under {@code name}. */
    record Share(Expr table, String name) implements Stmt {}

    /** {@code insert into t [(columns)] values (v1, v2, ...)}. */
    record Insert(Expr table, List<String> columns, List<Expr> values, int line) implements Stmt {}
}
