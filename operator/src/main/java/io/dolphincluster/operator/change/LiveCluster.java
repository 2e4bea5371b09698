package io.dolphincluster.operator.change;

import io.dolphincluster.operator.desired.Role;
import io.dolphincluster.operator.runtime.DatanodeRow;
import io.dolphincluster.operator.runtime.JoinState;
import io.dolphincluster.operator.runtime.RaftGroupView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The live state a change is planned from: Kubernetes objects and what the controllers say. Nothing
 * is remembered between reconciles, so an operator restarted at any point plans from the same facts
 * and finishes the change. Implementations fetch lazily and at most once per reconcile, and never
 * throw: what cannot be learnt is empty.
 */
public interface LiveCluster {

    /** spec.replicas of the role's StatefulSet, empty when it does not exist yet. */
    OptionalInt statefulSetReplicas(Role role);

    /** status.updateRevision of the role's StatefulSet, empty when not known yet. */
    Optional<String> updateRevision(Role role);

    /** The role's pods, whatever their state. */
    List<PodFacts> pods(Role role);

    /** Ordinals that have a volume claim, with whether that claim is being deleted. */
    Map<Integer, Boolean> claims(Role role);

    /** The Raft group as its leader reports it; empty when no leader answers. */
    Optional<RaftGroupView> group();

    /** Whether the controller pod of this ordinal runs and waits to be added to the group. */
    JoinState joinState(int controllerOrdinal);

    /** Datanodes in the metadata by alias; empty when no controller answers. */
    Optional<Map<String, DatanodeRow>> datanodes();

    /** Chunk replicas a datanode still holds; empty when no controller answers. */
    OptionalInt replicasHeld(String datanodeAlias);

    /**
     * Whether every chunk has its full set of in-sync replicas; empty when no controller answers.
     */
    Optional<Boolean> everyChunkHealthy();

    /**
     * The highest ordinal of a pod of the role that exists at or above {@code ordinal}: a pod a
     * shrink to {@code ordinal} pods removed, still stopping.
     */
    default Optional<Integer> highestPodFrom(Role role, int ordinal) {
        return podOrdinals(role).stream().filter(o -> o >= ordinal).max(Integer::compare);
    }

    /** Ordinals of pods of the role that exist. */
    default Set<Integer> podOrdinals(Role role) {
        return pods(role).stream()
                .map(PodFacts::ordinal)
                .collect(java.util.stream.Collectors.toSet());
    }
}
