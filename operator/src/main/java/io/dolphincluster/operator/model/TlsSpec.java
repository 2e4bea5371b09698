package io.dolphincluster.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** TLS on every port of the cluster's pods, with certificates the operator issues and rotates. */
public class TlsSpec {

    @JsonPropertyDescription(
            "Whether the pods speak TLS only (enableHTTPS=true). Changing it restarts every pod.")
    @Default("true")
    private boolean enabled = true;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
