package io.dolphincluster.runtime.datanode;

import io.dolphincluster.runtime.replication.AppendRule;

/**
 * A replica refused records from a primary ({@link AppendRule}): the primary must not count it as
 * having them.
 */
public final class ReplicaRefusedException extends Exception {
    private final AppendRule.Refusal refusal;

    public ReplicaRefusedException(AppendRule.Refusal refusal, String message) {
        super(message);
        this.refusal = refusal;
    }

    public AppendRule.Refusal refusal() {
        return refusal;
    }
}
