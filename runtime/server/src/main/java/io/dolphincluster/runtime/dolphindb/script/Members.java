package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Dict;
import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Table;
import io.dolphincluster.runtime.dolphindb.data.Vec;

/** {@code x.name} and {@code x[index]}. */
final class Members {
    private Members() {}

    static Entity member(Entity target, String name) {
        if (target instanceof Table table) return table.column(name);
        if (target instanceof Dict dict) return orNull(dict.get(Vec.ofString(name)), name);
        throw new ScriptException("A " + target.describe() + " has no member " + name);
    }

    static Entity index(Entity target, Entity index) {
        if (target instanceof Dict dict && index instanceof Vec key)
            return orNull(dict.get(key), key.toString());
        if (target instanceof Table table
                && index instanceof Vec key
                && key.type().isLiteral()
                && key.isScalar()) return table.column(key.stringAt(0));
        if (!(target instanceof Vec vector) || !(index instanceof Vec at))
            throw new ScriptException("A " + target.describe() + " cannot be indexed");
        if (at.type() == DType.BOOL && !at.isScalar())
            return vector.pick(Selections.trueIndexes(at));
        if (!at.type().isIntegral())
            throw new ScriptException("An index must be an integer, got " + at.describe());
        if (at.isScalar()) {
            long i = at.longAt(0);
            return i >= 0 && i < vector.size() ? vector.at((int) i) : Vec.voidScalar();
        }
        int[] indexes = new int[at.size()];
        for (int i = 0; i < indexes.length; i++) {
            long value = at.longAt(i);
            if (value < 0 || value >= vector.size())
                throw new ScriptException("Index " + value + " is out of range");
            indexes[i] = (int) value;
        }
        return vector.pick(indexes);
    }

    private static Entity orNull(Entity value, String key) {
        if (value == null) throw new ScriptException("The dictionary has no key " + key);
        return value;
    }
}
