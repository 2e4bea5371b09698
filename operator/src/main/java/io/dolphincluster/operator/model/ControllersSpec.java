package io.dolphincluster.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * The controller Raft group. The schema bounds the count to 1..7; the operator also requires it
 * odd.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ControllersSpec {

    @JsonPropertyDescription(
            "Number of controllers: odd, from 1 to 7 (an even count is reported "
                    + "as invalid in status and not acted upon).")
    @Min(1)
    @Max(7)
    @Default("3")
    private int replicas = Defaults.CONTROLLERS;

    @JsonPropertyDescription(
            "CPU and memory requests and limits of each controller container; when unset, requests of "
                    + "250m CPU and 512Mi memory and a memory limit of 1Gi. The JVM heap is sized from the memory limit (else the "
                    + "request), leaving room for the JVM's other memory.")
    private ResourceRequirements resources;

    @JsonPropertyDescription(
            "The data volume of each controller (Raft log and metadata snapshots).")
    @Default("{}")
    private StorageSpec storage = new StorageSpec();

    @JsonPropertyDescription(
            "Extra JVM options of the controller process (DOLPHIN_JAVA_OPTS), after the heap sizing "
                    + "and the runtime's defaults, so they win: e.g. -Xmx3g replaces the heap sizing.")
    private String javaOpts;

    @JsonPropertyDescription(
            "Seconds a stopping controller is given to exit before it is killed (the pod's "
                    + "terminationGracePeriodSeconds); a leader first hands leadership to a follower.")
    @Min(1)
    @Default("60")
    private int terminationGracePeriodSeconds = Defaults.CONTROLLER_GRACE_SECONDS;

    public int getReplicas() {
        return replicas;
    }

    public void setReplicas(int replicas) {
        this.replicas = replicas;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public StorageSpec getStorage() {
        return storage;
    }

    public void setStorage(StorageSpec storage) {
        this.storage = storage;
    }

    public String getJavaOpts() {
        return javaOpts;
    }

    public void setJavaOpts(String javaOpts) {
        this.javaOpts = javaOpts;
    }

    public int getTerminationGracePeriodSeconds() {
        return terminationGracePeriodSeconds;
    }

    public void setTerminationGracePeriodSeconds(int seconds) {
        this.terminationGracePeriodSeconds = seconds;
    }
}
