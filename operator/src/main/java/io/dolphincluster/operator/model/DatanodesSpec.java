package io.dolphincluster.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** The datanodes. At least as many as the replication factor (checked by the operator). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatanodesSpec {

    @JsonPropertyDescription("Number of datanodes; at least 1 and at least the replication factor.")
    @Min(1)
    @Default("3")
    private int replicas = Defaults.DATANODES;

    @JsonPropertyDescription(
            "CPU and memory requests and limits of each datanode container; when unset, requests of "
                    + "500m CPU and 1Gi memory and a memory limit of 2Gi. The JVM heap is sized from the memory limit (else the "
                    + "request), leaving room for the JVM's other memory.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("The data volume of each datanode (chunk replicas).")
    @Default("{}")
    private StorageSpec storage = new StorageSpec();

    @JsonPropertyDescription(
            "Extra JVM options of the datanode process (DOLPHIN_JAVA_OPTS), after the heap sizing "
                    + "and the runtime's defaults, so they win: e.g. -Xmx3g replaces the heap sizing.")
    private String javaOpts;

    @JsonPropertyDescription(
            "Seconds a stopping datanode is given to exit before it is killed (the pod's "
                    + "terminationGracePeriodSeconds); it hands its primaries over and finishes the writes in flight.")
    @Min(1)
    @Default("120")
    private int terminationGracePeriodSeconds = Defaults.DATANODE_GRACE_SECONDS;

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
