package io.dolphincluster.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/** Scheduling constraints shared by controller and datanode pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlacementSpec {

    @JsonPropertyDescription("Spread pods of each role evenly across zones (best effort).")
    @Default("false")
    private boolean spreadAcrossZones;

    @JsonPropertyDescription("Node label naming the zone; also given to datanodes as ZONE.")
    @Default(Defaults.ZONE_TOPOLOGY_KEY)
    private String zoneTopologyKey = Defaults.ZONE_TOPOLOGY_KEY;

    @JsonPropertyDescription(
            "How controller pods avoid sharing a node. Required (the default): never, so losing a "
                    + "node costs at most one Raft member, and the cluster needs as many schedulable nodes as controllers. "
                    + "Preferred: on distinct nodes where there are enough, e.g. for a one-node development cluster (kind, "
                    + "minikube). Datanodes follow spec.replication.reliabilityLevel instead.")
    @Default("Required")
    private AntiAffinity controllerAntiAffinity = AntiAffinity.Required;

    @JsonPropertyDescription("Only nodes carrying all these labels run this cluster's pods.")
    private Map<String, String> nodeSelector;

    @JsonPropertyDescription("Tolerations added to every pod of this cluster.")
    private List<Toleration> tolerations;

    public boolean isSpreadAcrossZones() {
        return spreadAcrossZones;
    }

    public void setSpreadAcrossZones(boolean spreadAcrossZones) {
        this.spreadAcrossZones = spreadAcrossZones;
    }

    public String getZoneTopologyKey() {
        return zoneTopologyKey;
    }

    public void setZoneTopologyKey(String zoneTopologyKey) {
        this.zoneTopologyKey = zoneTopologyKey;
    }

    public AntiAffinity getControllerAntiAffinity() {
        return controllerAntiAffinity;
    }

    public void setControllerAntiAffinity(AntiAffinity controllerAntiAffinity) {
        this.controllerAntiAffinity = controllerAntiAffinity;
    }

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }
}
