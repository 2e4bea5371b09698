package io.dolphincluster.runtime.dolphindb.script;

import java.util.List;

/** A function defined by {@code def}: its name (null for a lambda), parameters and body. */
public record FunctionDef(String name, List<String> params, Stmt body) {}
