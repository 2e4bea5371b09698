package io.dolphincluster.runtime.dolphindb.data;

/** The result of a statement that has no value; a reply carries no object for it. */
public enum Nothing implements Entity {
    INSTANCE;

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
        return "nothing";
    }
}
