package io.dolphincluster.operator.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator observed. Conditions use the standard metav1.Condition shape; the types are
 * those of {@link ConditionTypes}.
 */
@JsonClassDescription(
        "What the operator observed: the phase, the Raft leader, ready counts, conditions and the "
                + "change in progress. Written by the operator only.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DolphinClusterStatus {

    @JsonPropertyDescription("The metadata.generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Pending, Progressing, Running, Degraded or Invalid.")
    private Phase phase;

    @JsonPropertyDescription(
            "Ready, Progressing, Degraded, SpecValid, Paused and VolumeNodeLost (pods Pending "
                    + "because their volume is bound to a node they cannot run on), in metav1.Condition shape.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription(
            "Alias of the controller that leads the Raft group, as the controllers answer.")
    private String leader;

    @JsonPropertyDescription("Ready and desired controllers, e.g. 2/3.")
    private String controllersReady;

    @JsonPropertyDescription("Ready and desired datanodes, e.g. 3/3.")
    private String datanodesReady;

    @JsonPropertyDescription("Controller counts.")
    private ReplicaCounts controllers;

    @JsonPropertyDescription("Datanode counts.")
    private ReplicaCounts datanodes;

    @JsonPropertyDescription(
            "Aliases of the controllers in the Raft group, as the leader reports them.")
    private List<String> members;

    @JsonPropertyDescription(
            "The change in progress (scaling or rolling), absent when the cluster is as the spec says.")
    private ClusterChange change;

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Phase getPhase() {
        return phase;
    }

    public void setPhase(Phase phase) {
        this.phase = phase;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public String getLeader() {
        return leader;
    }

    public void setLeader(String leader) {
        this.leader = leader;
    }

    public String getControllersReady() {
        return controllersReady;
    }

    public void setControllersReady(String controllersReady) {
        this.controllersReady = controllersReady;
    }

    public String getDatanodesReady() {
        return datanodesReady;
    }

    public void setDatanodesReady(String datanodesReady) {
        this.datanodesReady = datanodesReady;
    }

    public ReplicaCounts getControllers() {
        return controllers;
    }

    public void setControllers(ReplicaCounts controllers) {
        this.controllers = controllers;
    }

    public ReplicaCounts getDatanodes() {
        return datanodes;
    }

    public void setDatanodes(ReplicaCounts datanodes) {
        this.datanodes = datanodes;
    }

    public List<String> getMembers() {
        return members;
    }

    public void setMembers(List<String> members) {
        this.members = members;
    }

    public ClusterChange getChange() {
        return change;
    }

    public void setChange(ClusterChange change) {
        this.change = change;
    }
}
