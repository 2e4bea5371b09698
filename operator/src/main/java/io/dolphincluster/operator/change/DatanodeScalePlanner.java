package io.dolphincluster.operator.change;

import io.dolphincluster.operator.desired.Names;
import io.dolphincluster.operator.desired.Role;
import io.dolphincluster.operator.runtime.DatanodeRow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * Moves the datanodes towards {@code spec.datanodes.replicas}. Growing needs nothing but more pods:
 * a new datanode registers and placement starts using it. Shrinking removes the highest ordinals,
 * and only once their data is elsewhere: each is drained (the controllers move its chunk replicas
 * to the others, keeping the replication factor and the placement rules), and the StatefulSet
 * shrinks only when they hold no replica. Once their pods are gone, their volume claims are deleted
 * and the controllers forget them. A scale-down reversed before it finished un-drains the datanodes
 * that stay.
 */
public final class DatanodeScalePlanner {
    private static final Role ROLE = Role.DATANODE;

    private DatanodeScalePlanner() {}

    public static RolePlan plan(int target, LiveCluster live, Names names) {
        OptionalInt current = live.statefulSetReplicas(ROLE);
        if (current.isEmpty()) {
            return RolePlan.settled(target);
        }
        int running = current.getAsInt();
        String goal = target + (target == 1 ? " datanode" : " datanodes");
        if (target < running) {
            return shrink(target, running, goal, live, names);
        }
        Optional<Map<String, DatanodeRow>> rows = live.datanodes();
        if (rows.isEmpty()) {
            return running == target
                    ? RolePlan.settled(target)
                    : new RolePlan(
                            target,
                            goal,
                            Step.waitFor("starting datanodes (no controller answers yet)"));
        }
        Collection<DatanodeRow> byAlias = new TreeMap<>(rows.get()).values();
        for (DatanodeRow row : byAlias) {
            int ordinal = names.ordinalOf(ROLE, row.alias());
            if (row.draining() && ordinal >= 0 && ordinal < target) {
                return new RolePlan(
                        running,
                        goal,
                        Step.of(
                                Step.Action.UNDRAIN_DATANODE,
                                row.alias(),
                                "keeping "
                                        + row.alias()
                                        + ": the scale-down that drained it was reversed"));
            }
        }
        Optional<Step> stale =
                StaleClaims.step(ROLE, Math.max(running, target), o -> false, live, names);
        if (stale.isPresent()) {
            return new RolePlan(running, goal, stale.get());
        }
        Set<Integer> pods = live.podOrdinals(ROLE);
        for (DatanodeRow row : byAlias) {
            int ordinal = names.ordinalOf(ROLE, row.alias());
            if (ordinal >= target && !pods.contains(ordinal)) {
                return new RolePlan(
                        target,
                        goal,
                        Step.of(
                                Step.Action.FORGET_DATANODE,
                                row.alias(),
                                "forgetting the removed datanode " + row.alias()));
            }
        }
        if (running < target) {
            return new RolePlan(
                    target,
                    goal,
                    Step.waitFor(
                            "starting datanodes "
                                    + names.pod(ROLE, running)
                                    + (target - running > 1
                                            ? " to " + names.pod(ROLE, target - 1)
                                            : "")));
        }
        // Until its pod is gone, a removed datanode's claim cannot be deleted nor the datanode
        // forgotten; and a settled cluster is only polled once a minute.
        Optional<Integer> stopping = live.highestPodFrom(ROLE, target);
        if (stopping.isPresent()) {
            return new RolePlan(
                    target,
                    goal,
                    Step.waitFor(
                            "waiting for the removed datanode "
                                    + names.pod(ROLE, stopping.get())
                                    + " to stop"));
        }
        return RolePlan.settled(target);
    }

    private static RolePlan shrink(
            int target, int running, String goal, LiveCluster live, Names names) {
        Optional<Map<String, DatanodeRow>> rows = live.datanodes();
        if (rows.isEmpty()) {
            return new RolePlan(
                    running,
                    goal,
                    Step.waitFor(
                            "no controller answers: datanodes are drained through the leader"));
        }
        List<String> stillHolding = new ArrayList<>();
        for (int ordinal = target; ordinal < running; ordinal++) {
            String alias = names.pod(ROLE, ordinal);
            DatanodeRow row = rows.get().get(alias);
            if (row == null) {
                continue; // never registered, so it holds nothing
            }
            if (!row.draining()) {
                return new RolePlan(
                        running,
                        goal,
                        Step.of(
                                Step.Action.DRAIN_DATANODE,
                                alias,
                                "draining "
                                        + alias
                                        + ": moving its chunk replicas to the datanodes that stay"));
            }
            OptionalInt held = live.replicasHeld(alias);
            if (held.isEmpty() || held.getAsInt() > 0) {
                stillHolding.add(alias + " (" + (held.isEmpty() ? "?" : held.getAsInt()) + ")");
            }
        }
        if (!stillHolding.isEmpty()) {
            return new RolePlan(
                    running,
                    goal,
                    Step.waitFor(
                            "waiting for the replicas held by "
                                    + stillHolding
                                    + " to be in sync elsewhere"));
        }
        return new RolePlan(target, goal, Step.waitFor("stopping the drained datanodes"));
    }
}
