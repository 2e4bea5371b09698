package io.dolphincluster.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** dfsReplicationFactor and dfsReplicaReliabilityLevel, with DolphinDB's meaning. */
public class ReplicationSpec {

    @JsonPropertyDescription(
            "Replicas per chunk (dfsReplicationFactor), from 1 to 16 and at most "
                    + "the number of datanodes. An acknowledged write survives the loss of factor-1 machines.")
    @Min(1)
    @Max(16)
    @Default("2")
    private int factor = Defaults.REPLICATION_FACTOR;

    @JsonPropertyDescription(
            "dfsReplicaReliabilityLevel: 0 = replicas may share a machine; "
                    + "1 = replicas must be on different machines (datanode pods required on distinct nodes); "
                    + "2 = on different machines wherever resources allow (preferred, best effort).")
    @Min(0)
    @Max(2)
    @Default("1")
    private int reliabilityLevel = Defaults.RELIABILITY_LEVEL;

    public int getFactor() {
        return factor;
    }

    public void setFactor(int factor) {
        this.factor = factor;
    }

    public int getReliabilityLevel() {
        return reliabilityLevel;
    }

    public void setReliabilityLevel(int reliabilityLevel) {
        this.reliabilityLevel = reliabilityLevel;
    }
}
