package io.dolphincluster.operator.model;

/** One word for where the cluster stands, shown by kubectl get. */
public enum Phase {
    /** Nothing is ready yet. */
    Pending,
    /** Objects exist and pods are coming up or changing. */
    Progressing,
    /** Every pod is ready and the controllers have a leader. */
    Running,
    /** It was running and lost pods or its leader. */
    Degraded,
    /** The spec breaks a rule the schema cannot express; nothing was changed. */
    Invalid
}
