package io.dolphincluster.operator.change;

import io.dolphincluster.operator.desired.Names;
import io.dolphincluster.operator.desired.Role;
import io.dolphincluster.operator.runtime.RaftGroupView;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Rolls pods onto their StatefulSet's new revision (image, resources, config) one pod at a time.
 * The StatefulSets use the OnDelete strategy, so nothing restarts unless this says so. Controllers
 * go first: followers, then the leader after leadership moved to an updated follower; then
 * datanodes, each only while every chunk has its full set of in-sync replicas. Before each restart
 * every pod of the cluster, of both roles, must be ready (for a controller: in the group with a
 * leader), so at most one pod is ever down for a roll, also when the roll moves from the last
 * controller to the first datanode. An outdated pod that is not ready is restarted first: it is
 * down already, and the new revision may be what fixes it.
 */
public final class RollingRestartPlanner {

    /** What the roll leads to and its next step. */
    public record Rollout(String target, Step step) {}

    private RollingRestartPlanner() {}

    public static Optional<Rollout> next(LiveCluster live, Names names) {
        for (Role role : List.of(Role.CONTROLLER, Role.DATANODE)) {
            Optional<PodFacts> broken =
                    outdated(live, role).stream().filter(p -> !p.ready()).findFirst();
            if (broken.isPresent()) {
                // Already down: restarting it takes nothing away, and the new revision may be its
                // fix.
                String revision = live.updateRevision(role).orElseThrow();
                return Optional.of(
                        new Rollout(
                                role.label() + "s on revision " + revision,
                                Step.of(
                                        Step.Action.DELETE_POD,
                                        broken.get().name(),
                                        "restarting "
                                                + broken.get().name()
                                                + ", which is not ready, on revision "
                                                + revision)));
            }
        }
        for (Role role : List.of(Role.CONTROLLER, Role.DATANODE)) {
            Optional<String> revision = live.updateRevision(role);
            List<PodFacts> pods = live.pods(role);
            List<PodFacts> outdated = outdated(live, role);
            if (outdated.isEmpty()) {
                continue;
            }
            String target = role.label() + "s on revision " + revision.get();
            Optional<String> notServing = firstPodNotServing(live);
            if (notServing.isPresent()) {
                return Optional.of(
                        new Rollout(
                                target,
                                Step.waitFor(
                                        "waiting for "
                                                + notServing.get()
                                                + " to be ready before restarting the next pod ("
                                                + outdated.size()
                                                + " "
                                                + role.label()
                                                + "s to go)")));
            }
            Step step =
                    role == Role.CONTROLLER
                            ? controllerStep(outdated, pods, revision.get(), live)
                            : datanodeStep(outdated, revision.get(), live);
            return Optional.of(new Rollout(target, step));
        }
        return Optional.empty();
    }

    /**
     * Pods of the role not on its StatefulSet's update revision (and not already going), highest
     * ordinal first.
     */
    private static List<PodFacts> outdated(LiveCluster live, Role role) {
        Optional<String> revision = live.updateRevision(role);
        if (revision.isEmpty()) {
            return List.of();
        }
        return live.pods(role).stream()
                .filter(
                        p ->
                                !p.terminating()
                                        && p.revision() != null
                                        && !revision.get().equals(p.revision()))
                .sorted(Comparator.comparingInt(PodFacts::ordinal).reversed())
                .toList();
    }

    /**
     * Any pod of the cluster, of either role, that is missing, not ready or going: a roll restarts
     * one pod at a time.
     */
    private static Optional<String> firstPodNotServing(LiveCluster live) {
        for (Role role : List.of(Role.CONTROLLER, Role.DATANODE)) {
            List<PodFacts> pods = live.pods(role);
            Optional<PodFacts> down =
                    pods.stream()
                            .filter(p -> !p.serving())
                            .min(Comparator.comparingInt(PodFacts::ordinal));
            if (down.isPresent()) {
                return Optional.of(down.get().name());
            }
            int replicas = live.statefulSetReplicas(role).orElse(0);
            for (int ordinal = 0; ordinal < replicas; ordinal++) {
                int wanted = ordinal;
                if (pods.stream().noneMatch(p -> p.ordinal() == wanted)) {
                    return Optional.of(role.label() + " pod " + wanted);
                }
            }
        }
        return Optional.empty();
    }

    private static Step controllerStep(
            List<PodFacts> outdated, List<PodFacts> pods, String revision, LiveCluster live) {
        Optional<RaftGroupView> group = live.group();
        if (group.isEmpty()) {
            return Step.waitFor("no controller leads the group: the roll waits for a leader");
        }
        String leader = group.get().leader();
        if (!pods.stream().allMatch(p -> group.get().members().contains(p.name()))) {
            return Step.waitFor("waiting for every controller to be back in the group");
        }
        Optional<PodFacts> follower =
                outdated.stream().filter(p -> !p.name().equals(leader)).findFirst();
        if (follower.isPresent()) {
            return Step.of(
                    Step.Action.DELETE_POD,
                    follower.get().name(),
                    "restarting follower " + follower.get().name() + " on revision " + revision);
        }
        Optional<PodFacts> successor =
                pods.stream()
                        .filter(p -> !p.name().equals(leader) && revision.equals(p.revision()))
                        .min(Comparator.comparingInt(PodFacts::ordinal));
        if (successor.isPresent()) {
            return new Step(
                    Step.Action.TRANSFER_LEADERSHIP,
                    successor.get().name(),
                    "moving leadership from "
                            + leader
                            + " to "
                            + successor.get().name()
                            + " before restarting "
                            + leader,
                    group.get().members());
        }
        return Step.of(
                Step.Action.DELETE_POD,
                leader,
                "restarting " + leader + ", the only controller, on revision " + revision);
    }

    private static Step datanodeStep(List<PodFacts> outdated, String revision, LiveCluster live) {
        if (!live.everyChunkHealthy().orElse(false)) {
            return Step.waitFor(
                    "waiting for every chunk to have all its replicas in sync before restarting "
                            + outdated.get(0).name());
        }
        return Step.of(
                Step.Action.DELETE_POD,
                outdated.get(0).name(),
                "restarting datanode " + outdated.get(0).name() + " on revision " + revision);
    }
}
