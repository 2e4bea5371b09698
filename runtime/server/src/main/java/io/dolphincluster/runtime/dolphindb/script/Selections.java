package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.Vec;

/** Row selections from BOOL vectors. */
final class Selections {
    private Selections() {}

    /**
     * The positions where {@code mask} is true (a scalar mask selects all {@code rows} or none).
     */
    static int[] trueIndexes(Vec mask, int rows) {
        if (mask.isScalar()) {
            boolean all = Comparisons.truth(mask, 0);
            int[] out = new int[all ? rows : 0];
            for (int i = 0; i < out.length; i++) out[i] = i;
            return out;
        }
        if (mask.size() != rows)
            throw new ScriptException(
                    "A condition gives " + mask.size() + " values for " + rows + " rows");
        return trueIndexes(mask);
    }

    static int[] trueIndexes(Vec mask) {
        int count = 0;
        for (int i = 0; i < mask.size(); i++) if (Comparisons.truth(mask, i)) count++;
        int[] out = new int[count];
        int k = 0;
        for (int i = 0; i < mask.size(); i++) if (Comparisons.truth(mask, i)) out[k++] = i;
        return out;
    }
}
