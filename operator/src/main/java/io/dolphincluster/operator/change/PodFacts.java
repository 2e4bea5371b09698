package io.dolphincluster.operator.change;

/**
 * What a change needs to know of one pod: its ordinal, whether it is ready, whether it is being
 * deleted, and the StatefulSet revision it was created from.
 */
public record PodFacts(
        String name, int ordinal, boolean ready, boolean terminating, String revision) {

    /** Ready and not on its way out. */
    public boolean serving() {
        return ready && !terminating;
    }
}
