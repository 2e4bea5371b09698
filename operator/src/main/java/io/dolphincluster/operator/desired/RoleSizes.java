package io.dolphincluster.operator.desired;

import io.dolphincluster.operator.model.DolphinClusterSpec;

/**
 * How many pods of each role to run now. The spec's counts are where a cluster is going; while the
 * controllers' Raft group changes one peer at a time, or datanodes are drained, these lag behind
 * them.
 */
public record RoleSizes(int controllers, int datanodes) {

    public static RoleSizes of(DolphinClusterSpec spec) {
        return new RoleSizes(
                spec.getControllers().getReplicas(), spec.getDatanodes().getReplicas());
    }

    public int of(Role role) {
        return role == Role.CONTROLLER ? controllers : datanodes;
    }
}
