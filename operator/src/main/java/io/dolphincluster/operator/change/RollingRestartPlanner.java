package io.dolphincluster.operator.change;

import io.dolphincluster.operator.desired.Names;
import io.dolphincluster.operator.desired.Role;
import io.dolphincluster.operator.runtime.RaftGroupView;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Rolls pods onto their StatefulSet's new revision (image, resources, config) one pod at a time. The
 * StatefulSets use the OnDelete strategy, so nothing restarts unless this says so. Controllers go first:
 * followers, then the leader after leadership moved to an updated follower; then datanodes, each only
 * while every chunk has its full set of in-sync replicas. Before each restart every pod of the role must
 * be ready (for a controller: in the group with a leader), so at most one pod is ever down for a roll.
 */
public final class RollingRestartPlanner {

  /** What the roll leads to and its next step. */
  public record Rollout(String target, Step step) {
  }

  private RollingRestartPlanner() {
  }

  public static Optional<Rollout> next(LiveCluster live, Names names) {
    for (Role role : List.of(Role.CONTROLLER, Role.DATANODE)) {
      Optional<String> revision = live.updateRevision(role);
      if (revision.isEmpty()) {
        continue;
      }
      List<PodFacts> pods = live.pods(role);
      List<PodFacts> outdated = pods.stream()
          .filter(p -> !p.terminating() && p.revision() != null && !revision.get().equals(p.revision()))
          .sorted(Comparator.comparingInt(PodFacts::ordinal).reversed())
          .toList();
      if (outdated.isEmpty()) {
        continue;
      }
      String target = role.label() + "s on revision " + revision.get();
      int replicas = live.statefulSetReplicas(role).orElse(0);
      if (pods.size() < replicas || !pods.stream().allMatch(PodFacts::serving)) {
        return Optional.of(new Rollout(target, Step.waitFor("waiting for every " + role.label()
            + " to be ready before restarting the next (" + outdated.size() + " to go)")));
      }
      Step step = role == Role.CONTROLLER
          ? controllerStep(outdated, pods, revision.get(), live)
          : datanodeStep(outdated, revision.get(), live);
      return Optional.of(new Rollout(target, step));
    }
    return Optional.empty();
  }

  private static Step controllerStep(List<PodFacts> outdated, List<PodFacts> pods, String revision, LiveCluster live) {
    Optional<RaftGroupView> group = live.group();
    if (group.isEmpty()) {
      return Step.waitFor("no controller leads the group: the roll waits for a leader");
    }
    String leader = group.get().leader();
    if (!pods.stream().allMatch(p -> group.get().members().contains(p.name()))) {
      return Step.waitFor("waiting for every controller to be back in the group");
    }
    Optional<PodFacts> follower = outdated.stream().filter(p -> !p.name().equals(leader)).findFirst();
    if (follower.isPresent()) {
      return Step.of(Step.Action.DELETE_POD, follower.get().name(),
          "restarting follower " + follower.get().name() + " on revision " + revision);
    }
    Optional<PodFacts> successor = pods.stream()
        .filter(p -> !p.name().equals(leader) && revision.equals(p.revision()))
        .min(Comparator.comparingInt(PodFacts::ordinal));
    if (successor.isPresent()) {
      return new Step(Step.Action.TRANSFER_LEADERSHIP, successor.get().name(), "moving leadership from " + leader
          + " to " + successor.get().name() + " before restarting " + leader, group.get().members());
    }
    return Step.of(Step.Action.DELETE_POD, leader, "restarting " + leader + ", the only controller, on revision "
        + revision);
  }

  private static Step datanodeStep(List<PodFacts> outdated, String revision, LiveCluster live) {
    if (!live.everyChunkHealthy().orElse(false)) {
      return Step.waitFor("waiting for every chunk to have all its replicas in sync before restarting "
          + outdated.get(0).name());
    }
    return Step.of(Step.Action.DELETE_POD, outdated.get(0).name(),
        "restarting datanode " + outdated.get(0).name() + " on revision " + revision);
  }
}
