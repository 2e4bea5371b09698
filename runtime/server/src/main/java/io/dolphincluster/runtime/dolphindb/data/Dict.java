package io.dolphincluster.runtime.dolphindb.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dictionary from scalars of one key type to values, in insertion order. Keys are held as {@link
 * Vec#keyAt plain Java values}; the value type is the type all values share, or ANY.
 */
public final class Dict implements Entity {
    private final DType keyType;
    private final Map<Object, Entity> entries = new LinkedHashMap<>();
    private final Map<Object, Vec> keys = new LinkedHashMap<>();

    public Dict(DType keyType) {
        this.keyType = keyType;
    }

    @Override
    public Form form() {
        return Form.DICTIONARY;
    }

    /** The type of the values: the one they share, or ANY (also when empty). */
    @Override
    public DType type() {
        DType shared = null;
        for (Entity value : entries.values()) {
            if (!(value instanceof Vec v) || !v.isScalar()) return DType.ANY;
            if (shared == null) shared = v.type();
            else if (shared != v.type()) return DType.ANY;
        }
        return shared == null ? DType.ANY : shared;
    }

    public DType keyType() {
        return keyType;
    }

    public Dict put(Vec key, Entity value) {
        if (!key.isScalar())
            throw new IllegalArgumentException(
                    "a dictionary key must be a scalar, got " + key.describe());
        Vec typed = Casts.to(key, keyType, "dictionary key");
        entries.put(typed.keyAt(0), value);
        keys.put(typed.keyAt(0), typed);
        return this;
    }

    public Dict put(String key, Entity value) {
        return put(Vec.scalar(keyType == DType.SYMBOL ? DType.SYMBOL : DType.STRING, key), value);
    }

    /** The value of {@code key}, or null. */
    public Entity get(Vec key) {
        return entries.get(Casts.to(key, keyType, "dictionary key").keyAt(0));
    }

    public Map<Vec, Entity> entries() {
        Map<Vec, Entity> out = new LinkedHashMap<>();
        for (Map.Entry<Object, Entity> entry : entries.entrySet())
            out.put(keys.get(entry.getKey()), entry.getValue());
        return Collections.unmodifiableMap(out);
    }

    public int size() {
        return entries.size();
    }
}
