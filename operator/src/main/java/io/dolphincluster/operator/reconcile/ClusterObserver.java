package io.dolphincluster.operator.reconcile;

import io.dolphincluster.operator.change.ChangePlan;
import io.dolphincluster.operator.desired.Role;
import io.dolphincluster.operator.model.ClusterChange;
import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.operator.model.ReplicaCounts;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gathers an {@link Observation}: ready pods from the StatefulSets in the informer caches, the Raft
 * group from the controllers, the change in progress with its current step (a CA rotation shows
 * when no other change does: it goes on beside them), and stranded pods.
 */
final class ClusterObserver {

    private ClusterObserver() {}

    static Observation observe(
            DolphinCluster cluster,
            List<String> problems,
            ObservedCluster live,
            ChangePlan plan,
            Optional<String> refusal,
            Optional<ClusterChange> caRotation) {
        ReplicaCounts controllers =
                new ReplicaCounts(
                        cluster.specOrDefaults().getControllers().getReplicas(),
                        live.ready(Role.CONTROLLER));
        ReplicaCounts datanodes =
                new ReplicaCounts(
                        cluster.specOrDefaults().getDatanodes().getReplicas(),
                        live.ready(Role.DATANODE));
        boolean statefulSetsExist =
                live.statefulSet(Role.CONTROLLER).isPresent()
                        || live.statefulSet(Role.DATANODE).isPresent();
        Optional<ClusterChange> change =
                plan.change()
                        .map(
                                c ->
                                        refusal.map(
                                                        why ->
                                                                new ClusterChange(
                                                                        c.getKind(),
                                                                        c.getTarget(),
                                                                        c.getStep()
                                                                                + " (refused: "
                                                                                + why
                                                                                + ")"))
                                                .orElse(c))
                        .or(() -> caRotation);
        List<Pod> pods = new ArrayList<>(live.podObjects(Role.CONTROLLER));
        pods.addAll(live.podObjects(Role.DATANODE));
        return new Observation(
                problems,
                controllers,
                datanodes,
                statefulSetsExist,
                live.group(),
                change,
                cluster.isPaused(),
                StrandedPods.in(pods));
    }
}
