package io.dolphincluster.operator.reconcile;

import io.dolphincluster.operator.desired.Names;
import io.dolphincluster.operator.desired.Role;
import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.operator.model.ReplicaCounts;
import io.dolphincluster.operator.runtime.RaftGroupObserver;
import io.dolphincluster.operator.runtime.RaftGroupView;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gathers an {@link Observation}: ready pods from the StatefulSets in the informer caches, and
 * the Raft group from the controllers themselves (asked only when some controller is ready).
 */
class ClusterObserver {
  private final RaftGroupObserver raft;

  ClusterObserver(RaftGroupObserver raft) {
    this.raft = raft;
  }

  Observation observe(DolphinCluster cluster, List<String> problems, Context<DolphinCluster> context) {
    Names names = new Names(cluster);
    Optional<StatefulSet> controllers = statefulSet(context, names.of(Role.CONTROLLER));
    Optional<StatefulSet> datanodes = statefulSet(context, names.of(Role.DATANODE));
    ReplicaCounts controllerCounts =
        new ReplicaCounts(cluster.specOrDefaults().getControllers().getReplicas(), ready(controllers));
    ReplicaCounts datanodeCounts =
        new ReplicaCounts(cluster.specOrDefaults().getDatanodes().getReplicas(), ready(datanodes));
    Optional<RaftGroupView> group = controllerCounts.getReady() > 0
        ? raft.observe(controllerUrls(names, cluster.specOrDefaults().getControllers().getReplicas()))
        : Optional.empty();
    return new Observation(problems, controllerCounts, datanodeCounts,
        controllers.isPresent() || datanodes.isPresent(), group);
  }

  private static Optional<StatefulSet> statefulSet(Context<DolphinCluster> context, String name) {
    return context.getSecondaryResources(StatefulSet.class).stream()
        .filter(s -> name.equals(s.getMetadata().getName()))
        .findFirst();
  }

  private static int ready(Optional<StatefulSet> statefulSet) {
    return statefulSet.map(StatefulSet::getStatus)
        .map(s -> s.getReadyReplicas() == null ? 0 : s.getReadyReplicas())
        .orElse(0);
  }

  static List<URI> controllerUrls(Names names, int controllers) {
    List<URI> urls = new ArrayList<>();
    for (int i = 0; i < controllers; i++) {
      urls.add(URI.create("http://" + names.podHost(Role.CONTROLLER, i) + ":" + Role.CONTROLLER.sitePort()));
    }
    return urls;
  }
}
