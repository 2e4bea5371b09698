package io.dolphincluster.operator.model;

/** Whether the data volumes outlive the DolphinCluster resource. */
public enum VolumeReclaimPolicy {
    Retain,
    Delete
}
