package io.dolphincluster.operator.change;

import io.dolphincluster.operator.desired.Names;
import io.dolphincluster.operator.desired.Role;
import io.dolphincluster.operator.runtime.RaftGroupView;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * Moves the controllers' Raft group towards {@code spec.controllers.replicas} one peer at a time,
 * from the live group alone (so a restarted operator resumes where the group is).
 *
 * <ul>
 *   <li>Growing: the StatefulSet gets one more pod; once it runs and waits to be added, the leader
 *       adds it (compare-and-set against the members seen); Raft catches it up before the change
 *       commits, and the next peer waits until every pod is ready again.
 *   <li>Shrinking, highest ordinal first: leadership moves away if that peer leads, the peer is
 *       removed from the group, then the StatefulSet shrinks, then the pod's volume claim is
 *       deleted.
 *   <li>A new target in the other direction simply becomes the next step: the step in flight is a
 *       single Raft change that either committed or did not.
 * </ul>
 *
 * The controllers refuse a step that would leave less than a responsive majority; the refusal is
 * shown and the step retried.
 */
public final class ControllerMembershipPlanner {
    private static final Role ROLE = Role.CONTROLLER;

    private ControllerMembershipPlanner() {}

    public static RolePlan plan(int target, LiveCluster live, Names names) {
        OptionalInt current = live.statefulSetReplicas(ROLE);
        if (current.isEmpty()) {
            // A new cluster: every controller starts at once and they form the group together.
            return RolePlan.settled(target);
        }
        int running = current.getAsInt();
        String goal = target + (target == 1 ? " controller" : " controllers");
        Optional<RaftGroupView> group = live.group().filter(g -> !g.members().isEmpty());
        if (group.isEmpty()) {
            return running == target
                    ? RolePlan.settled(running)
                    : new RolePlan(
                            running,
                            goal,
                            Step.waitFor(
                                    "no controller leads a group: membership changes wait for a leader"));
        }
        NavigableSet<Integer> members = new TreeSet<>();
        for (String alias : group.get().members()) {
            int ordinal = names.ordinalOf(ROLE, alias);
            if (ordinal < 0) {
                return new RolePlan(
                        running,
                        goal,
                        Step.waitFor(
                                "the group has a member this operator does not manage: "
                                        + alias
                                        + "; remove it through the leader's admin API"));
            }
            members.add(ordinal);
        }
        RolePlan next = towardsTarget(target, running, goal, members, group.get(), live, names);
        Optional<Step> stale = StaleClaims.step(ROLE, running, members::contains, live, names);
        // A stale claim goes before the StatefulSet may grow over its ordinal.
        return stale.map(step -> new RolePlan(Math.min(running, next.replicas()), goal, step))
                .orElse(next);
    }

    private static RolePlan towardsTarget(
            int target,
            int running,
            String goal,
            NavigableSet<Integer> members,
            RaftGroupView group,
            LiveCluster live,
            Names names) {
        NavigableSet<Integer> missing = new TreeSet<>();
        for (int ordinal = 0; ordinal < target; ordinal++) {
            if (!members.contains(ordinal)) {
                missing.add(ordinal);
            }
        }
        NavigableSet<Integer> surplus =
                new TreeSet<>(members.tailSet(target, true)).descendingSet();
        if (!missing.isEmpty() && members.size() <= target) {
            return new RolePlan(
                    Math.max(members.last(), missing.first()) + 1,
                    goal,
                    grow(missing.first(), running, members, group.members(), live, names));
        }
        if (!surplus.isEmpty()) {
            int replicas = members.last() + 1;
            Optional<Integer> leftover = live.highestPodFrom(ROLE, replicas);
            if (running > replicas || leftover.isPresent()) {
                // The peer removed last is finished (pod gone, claim deleted) before the next one
                // goes.
                return new RolePlan(
                        replicas,
                        goal,
                        Step.waitFor(
                                "waiting for "
                                        + names.pod(ROLE, leftover.orElse(replicas))
                                        + ", removed from the group, to stop"));
            }
            return new RolePlan(replicas, goal, shrink(surplus.first(), members, group, names));
        }
        if (running != target || live.highestPodFrom(ROLE, target).isPresent()) {
            return new RolePlan(
                    target,
                    goal,
                    Step.waitFor("waiting for the pods of removed controllers to stop"));
        }
        return RolePlan.settled(target);
    }

    private static Step grow(
            int ordinal,
            int running,
            NavigableSet<Integer> members,
            List<String> expected,
            LiveCluster live,
            Names names) {
        String pod = names.pod(ROLE, ordinal);
        if (running <= ordinal) {
            return Step.waitFor("starting " + pod + " to join the group " + expected);
        }
        boolean membersReady =
                members.stream()
                        .allMatch(
                                member ->
                                        live.pods(ROLE).stream()
                                                .anyMatch(
                                                        p -> p.ordinal() == member && p.serving()));
        if (!membersReady) {
            return Step.waitFor("waiting for every member to be ready before adding " + pod);
        }
        switch (live.joinState(ordinal)) {
            case NO_ANSWER:
                return Step.waitFor(
                        "waiting for "
                                + pod
                                + " to answer: its pod is still starting, or its controller fails (see its log)");
            case STARTING:
                return Step.waitFor("waiting for " + pod + " to finish starting and ask to join");
            case MEMBER_ELSEWHERE:
                return Step.waitFor(
                        pod
                                + " says it is a member of a group, but the leader's group does not list it (yet): "
                                + "if this lasts, its data directory may hold another group's state (see its log)");
            case WAITING_TO_BE_ADDED:
                break;
        }
        return new Step(
                Step.Action.ADD_MEMBER,
                pod,
                "adding " + pod + " to the group " + expected,
                expected);
    }

    private static Step shrink(
            int ordinal, NavigableSet<Integer> members, RaftGroupView group, Names names) {
        String pod = names.pod(ROLE, ordinal);
        if (pod.equals(group.leader())) {
            String successor = names.pod(ROLE, members.first());
            return new Step(
                    Step.Action.TRANSFER_LEADERSHIP,
                    successor,
                    "moving leadership from "
                            + pod
                            + " to "
                            + successor
                            + " before removing "
                            + pod,
                    group.members());
        }
        return new Step(
                Step.Action.REMOVE_MEMBER,
                pod,
                "removing " + pod + " from the group " + group.members(),
                group.members());
    }
}
