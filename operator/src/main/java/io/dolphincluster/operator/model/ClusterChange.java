package io.dolphincluster.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/**
 * The change the operator is carrying out, one step at a time; absent from the status when there is
 * none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterChange {

    @JsonPropertyDescription("ScaleControllers, ScaleDatanodes, Roll or RotateCa.")
    private String kind;

    @JsonPropertyDescription(
            "What the change leads to, e.g. '5 controllers' or a StatefulSet revision.")
    private String target;

    @JsonPropertyDescription("The current step, or what the change waits for.")
    private String step;

    public ClusterChange() {}

    public ClusterChange(String kind, String target, String step) {
        this.kind = kind;
        this.target = target;
        this.step = step;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getStep() {
        return step;
    }

    public void setStep(String step) {
        this.step = step;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClusterChange that
                && Objects.equals(kind, that.kind)
                && Objects.equals(target, that.target)
                && Objects.equals(step, that.step);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, target, step);
    }
}
