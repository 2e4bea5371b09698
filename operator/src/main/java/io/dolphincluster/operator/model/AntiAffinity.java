package io.dolphincluster.operator.model;

/** How strictly pods of one role avoid sharing a node. */
public enum AntiAffinity {
    /** Never on the same node: a pod that cannot get a node of its own stays Pending. */
    Required,
    /** On distinct nodes where there are enough, else together. */
    Preferred
}
