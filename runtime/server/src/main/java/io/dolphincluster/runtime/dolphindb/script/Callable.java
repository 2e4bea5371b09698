package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Form;
import java.util.List;

/** A function value: a built-in, a {@code def}, or one of them partially applied. */
public interface Callable extends Entity {
    String name();

    /**
     * Parameter names, for named arguments ({@code f(x=1)}); may be empty for functions that take
     * none by name.
     */
    List<String> params();

    /** Calls it; an argument left out ({@code f(a,,b)}) is null. */
    Entity call(Interpreter interpreter, List<Entity> args);

    @Override
    default Form form() {
        return Form.SCALAR;
    }

    @Override
    default DType type() {
        return DType.FUNCTIONDEF;
    }

    @Override
    default String describe() {
        return name();
    }
}
