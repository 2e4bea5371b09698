package io.dolphincluster.runtime.dolphindb.script;

/**
 * How many values a script may make at once (a range, {@code til}, {@code rand}, {@code take}): a
 * bound on its memory.
 */
public final class VectorLimits {
    public static final int MAX_VALUES = 10_000_000;

    private VectorLimits() {}
}
