package io.dolphincluster.operator.reconcile;

import io.dolphincluster.operator.model.ClusterChange;
import io.dolphincluster.operator.model.ReplicaCounts;
import io.dolphincluster.operator.runtime.RaftGroupView;
import java.util.List;
import java.util.Optional;

/**
 * What one reconcile saw: the spec's problems, pod counts from the StatefulSets, what the
 * controllers said about their Raft group, the change in progress (if any), whether changes are
 * paused, and the pods stranded by a volume on a node they cannot run on.
 */
record Observation(
        List<String> problems,
        ReplicaCounts controllers,
        ReplicaCounts datanodes,
        boolean statefulSetsExist,
        Optional<RaftGroupView> group,
        Optional<ClusterChange> change,
        boolean paused,
        List<StrandedPods.Stranded> stranded) {

    Observation(
            List<String> problems,
            ReplicaCounts controllers,
            ReplicaCounts datanodes,
            boolean statefulSetsExist,
            Optional<RaftGroupView> group) {
        this(
                problems,
                controllers,
                datanodes,
                statefulSetsExist,
                group,
                Optional.empty(),
                false,
                List.of());
    }

    boolean valid() {
        return problems.isEmpty();
    }

    boolean allReady() {
        return controllers.getReady() == controllers.getDesired()
                && datanodes.getReady() == datanodes.getDesired();
    }
}
