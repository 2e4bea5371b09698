package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Form;

/**
 * An argument of {@code table(...)} with the name its column gets: the variable's name ({@code
 * table(x, y)}) or the alias ({@code table(1..3 as id)}). Only {@code table} receives these.
 */
public record NamedValue(String name, Entity value) implements Entity {
    public static Entity unwrap(Entity entity) {
        return entity instanceof NamedValue named ? named.value() : entity;
    }

    @Override
    public Form form() {
        return value.form();
    }

    @Override
    public DType type() {
        return value.type();
    }
}
