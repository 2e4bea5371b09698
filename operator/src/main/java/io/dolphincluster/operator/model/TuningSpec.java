package io.dolphincluster.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/** Runtime timeouts; each maps to one key of controller.cfg. Unset keeps the runtime's default. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TuningSpec {

    @JsonPropertyDescription(
            "dfsRecoveryWaitTime: milliseconds a dead datanode's replicas wait "
                    + "before being rebuilt elsewhere.")
    @Min(1)
    private Long recoveryWaitTimeMillis;

    @JsonPropertyDescription(
            "dfsChunkNodeHeartBeatTimeout: seconds without a heartbeat before "
                    + "the leader marks a datanode down.")
    @Min(1)
    private Integer heartbeatTimeoutSeconds;

    @JsonPropertyDescription("raftElectionTimeoutMin in milliseconds; must be below the maximum.")
    @Min(1)
    private Integer electionTimeoutMinMillis;

    @JsonPropertyDescription("raftElectionTimeoutMax in milliseconds.")
    @Min(1)
    private Integer electionTimeoutMaxMillis;

    public Long getRecoveryWaitTimeMillis() {
        return recoveryWaitTimeMillis;
    }

    public void setRecoveryWaitTimeMillis(Long v) {
        this.recoveryWaitTimeMillis = v;
    }

    public Integer getHeartbeatTimeoutSeconds() {
        return heartbeatTimeoutSeconds;
    }

    public void setHeartbeatTimeoutSeconds(Integer v) {
        this.heartbeatTimeoutSeconds = v;
    }

    public Integer getElectionTimeoutMinMillis() {
        return electionTimeoutMinMillis;
    }

    public void setElectionTimeoutMinMillis(Integer v) {
        this.electionTimeoutMinMillis = v;
    }

    public Integer getElectionTimeoutMaxMillis() {
        return electionTimeoutMaxMillis;
    }

    public void setElectionTimeoutMaxMillis(Integer v) {
        this.electionTimeoutMaxMillis = v;
    }
}
