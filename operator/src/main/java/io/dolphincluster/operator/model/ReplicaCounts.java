package io.dolphincluster.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Desired and ready pods of one role. */
public class ReplicaCounts {

    @JsonPropertyDescription("Pods the spec asks for.")
    private int desired;

    @JsonPropertyDescription("Pods whose readiness probe passes.")
    private int ready;

    public ReplicaCounts() {}

    public ReplicaCounts(int desired, int ready) {
        this.desired = desired;
        this.ready = ready;
    }

    public int getDesired() {
        return desired;
    }

    public void setDesired(int desired) {
        this.desired = desired;
    }

    public int getReady() {
        return ready;
    }

    public void setReady(int ready) {
        this.ready = ready;
    }

    /** "ready/desired", the form shown by kubectl get. */
    public String summary() {
        return ready + "/" + desired;
    }
}
