package io.dolphincluster.runtime.dolphindb.data;

/**
 * An object a client sent whose type or form this server reads past but does not hold (UUID,
 * DECIMAL, BLOB, compressed columns, sets...): using it is an error naming {@code what}, the
 * connection stays usable.
 */
public record Unsupported(String what) implements Entity {
    @Override
    public Form form() {
        return Form.SCALAR;
    }

    @Override
    public DType type() {
        return DType.VOID;
    }

    @Override
    public String describe() {
        return what;
    }
}
