package io.dolphincluster.protocol.data;

import java.util.Objects;

/** A named, typed column. */
public record Column(String name, ColumnType type) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank()) throw new IllegalArgumentException("a column needs a name");
    }
}
