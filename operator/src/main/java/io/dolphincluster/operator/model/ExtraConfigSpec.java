package io.dolphincluster.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/**
 * Extra key=value lines for the seed's files. Keys the operator owns (localSite, dfsHAMode,
 * dfsReplicationFactor, ...) are refused by validation so the spec has one source of truth.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExtraConfigSpec {

    @JsonPropertyDescription("Extra lines of controller.cfg, key to value.")
    private Map<String, String> controller;

    @JsonPropertyDescription("Extra lines of datanode.cfg, key to value.")
    private Map<String, String> datanode;

    @JsonPropertyDescription(
            "Lines of cluster.cfg: 'key' for every node, 'alias.key' for one node.")
    private Map<String, String> cluster;

    public Map<String, String> getController() {
        return controller;
    }

    public void setController(Map<String, String> controller) {
        this.controller = controller;
    }

    public Map<String, String> getDatanode() {
        return datanode;
    }

    public void setDatanode(Map<String, String> datanode) {
        this.datanode = datanode;
    }

    public Map<String, String> getCluster() {
        return cluster;
    }

    public void setCluster(Map<String, String> cluster) {
        this.cluster = cluster;
    }
}
