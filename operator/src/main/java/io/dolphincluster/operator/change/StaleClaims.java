package io.dolphincluster.operator.change;

import io.dolphincluster.operator.desired.Names;
import io.dolphincluster.operator.desired.Role;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * Volume claims left by pods a scale-down removed. A StatefulSet never deletes them, and a later
 * scale-up would start the pod of that ordinal on the old disk: a controller would come back with a
 * Raft log of a group it was removed from. Such a claim is deleted once its pod is gone and its
 * ordinal is at or above the StatefulSet's size, before the StatefulSet may grow over it again.
 */
final class StaleClaims {

    private StaleClaims() {}

    /**
     * @param keep ordinals whose claim must stay even so (a Raft member; a datanode that may still
     *     hold data)
     * @return the step that deletes (or waits for the deletion of) the first stale claim, if any
     */
    static Optional<Step> step(
            Role role, int replicas, IntPredicate keep, LiveCluster live, Names names) {
        Set<Integer> pods = live.podOrdinals(role);
        for (Map.Entry<Integer, Boolean> claim : new TreeMap<>(live.claims(role)).entrySet()) {
            int ordinal = claim.getKey();
            if (ordinal < replicas || pods.contains(ordinal) || keep.test(ordinal)) {
                continue;
            }
            String name = names.claim(role, ordinal);
            return Optional.of(
                    claim.getValue()
                            ? Step.waitFor("waiting for volume claim " + name + " to be deleted")
                            : Step.of(
                                    Step.Action.DELETE_CLAIM,
                                    name,
                                    "deleting volume claim "
                                            + name
                                            + " of the removed pod "
                                            + names.pod(role, ordinal)));
        }
        return Optional.empty();
    }
}
