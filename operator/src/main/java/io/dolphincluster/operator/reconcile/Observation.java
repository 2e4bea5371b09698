package io.dolphincluster.operator.reconcile;

import io.dolphincluster.operator.model.ReplicaCounts;
import io.dolphincluster.operator.runtime.RaftGroupView;
import java.util.List;
import java.util.Optional;

/**
 * What one reconcile saw: the spec's problems, pod counts from the StatefulSets and what the
 * controllers said about their Raft group.
 */
record Observation(List<String> problems, ReplicaCounts controllers, ReplicaCounts datanodes,
    boolean statefulSetsExist, Optional<RaftGroupView> group) {

  boolean valid() {
    return problems.isEmpty();
  }

  boolean allReady() {
    return controllers.getReady() == controllers.getDesired()
        && datanodes.getReady() == datanodes.getDesired();
  }
}
