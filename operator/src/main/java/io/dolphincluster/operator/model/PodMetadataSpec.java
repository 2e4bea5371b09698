package io.dolphincluster.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** Labels and annotations overlaid on every pod; the operator's own labels win on a clash. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodMetadataSpec {

    @JsonPropertyDescription("Labels added to every pod.")
    private Map<String, String> labels;

    @JsonPropertyDescription("Annotations added to every pod.")
    private Map<String, String> annotations;

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }
}
