package io.dolphincluster.operator.model;

/** The condition types this operator writes. */
public final class ConditionTypes {
    public static final String READY = "Ready";
    public static final String PROGRESSING = "Progressing";
    public static final String DEGRADED = "Degraded";
    public static final String SPEC_VALID = "SpecValid";
    public static final String PAUSED = "Paused";

    /**
     * True while a pod cannot be scheduled because its volume is bound to a node it cannot run on.
     */
    public static final String VOLUME_NODE_LOST = "VolumeNodeLost";

    private ConditionTypes() {}
}
