package io.dolphincluster.runtime.dolphindb.data;

/**
 * A DolphinDB value: a scalar, vector or pair ({@link Vec}), a {@link Table}, a {@link Dict},
 * nothing ({@link Nothing}), or something that only lives on the server (a function, a database or
 * DFS table handle).
 */
public interface Entity {
    Form form();

    DType type();

    /**
     * What it is, for error messages: {@code INT VECTOR}, {@code TABLE}, {@code FUNCTION
     * tableInsert}.
     */
    default String describe() {
        return form() == Form.SCALAR ? type().name() : type().name() + " " + form().name();
    }
}
