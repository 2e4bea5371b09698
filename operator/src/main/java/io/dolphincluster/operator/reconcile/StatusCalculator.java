package io.dolphincluster.operator.reconcile;

import io.dolphincluster.operator.model.ConditionTypes;
import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.operator.model.DolphinClusterStatus;
import io.dolphincluster.operator.model.Phase;
import io.dolphincluster.operator.runtime.RaftGroupView;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns an observation into the next status. Pure: the same previous status, generation,
 * observation and clock reading give the same status, and an unchanged cluster gives a status equal
 * to the previous one (condition times are kept), so nothing is written.
 */
final class StatusCalculator {

    private StatusCalculator() {}

    static DolphinClusterStatus next(
            DolphinClusterStatus previous, long generation, Observation seen, String now) {
        DolphinClusterStatus status = new DolphinClusterStatus();
        status.setObservedGeneration(generation);
        status.setControllers(seen.controllers());
        status.setDatanodes(seen.datanodes());
        status.setControllersReady(seen.controllers().summary());
        status.setDatanodesReady(seen.datanodes().summary());
        seen.group().map(RaftGroupView::leader).ifPresent(status::setLeader);
        seen.group()
                .map(RaftGroupView::members)
                .filter(m -> !m.isEmpty())
                .map(m -> m.stream().sorted().toList())
                .ifPresent(status::setMembers);
        seen.change().ifPresent(status::setChange);
        Phase phase = phase(previous, generation, seen);
        status.setPhase(phase);
        Conditions conditions =
                new Conditions(previous == null ? null : previous.getConditions(), generation, now);
        if (!seen.valid()) {
            String message = String.join("; ", seen.problems());
            conditions
                    .set(ConditionTypes.SPEC_VALID, false, "InvalidSpec", message)
                    .set(
                            ConditionTypes.READY,
                            false,
                            "InvalidSpec",
                            "Nothing is changed until the spec is fixed")
                    .set(ConditionTypes.PROGRESSING, false, "InvalidSpec", message)
                    .set(ConditionTypes.DEGRADED, false, "InvalidSpec", message);
        } else {
            conditions
                    .set(
                            ConditionTypes.SPEC_VALID,
                            true,
                            "Valid",
                            "The spec passed the operator's checks")
                    .set(
                            ConditionTypes.READY,
                            phase == Phase.Running,
                            readyReason(phase, seen),
                            counts(seen))
                    .set(
                            ConditionTypes.PROGRESSING,
                            phase == Phase.Progressing || phase == Phase.Pending,
                            progressingReason(phase, seen),
                            seen.change().map(c -> c.getStep()).orElse(counts(seen)))
                    .set(
                            ConditionTypes.DEGRADED,
                            phase == Phase.Degraded,
                            phase == Phase.Degraded ? "PodsOrLeaderLost" : "AsDesired",
                            counts(seen));
        }
        conditions.set(
                ConditionTypes.PAUSED,
                seen.paused(),
                seen.paused() ? "PausedByAnnotation" : "NotPaused",
                seen.paused()
                        ? "The "
                                + DolphinCluster.PAUSED_ANNOTATION
                                + " annotation stops every change"
                        : "Changes are carried out");
        volumeNodeLost(conditions, seen.stranded());
        status.setConditions(conditions.list());
        return status;
    }

    private static void volumeNodeLost(
            Conditions conditions, List<StrandedPods.Stranded> stranded) {
        if (stranded.isEmpty()) {
            conditions.set(
                    ConditionTypes.VOLUME_NODE_LOST,
                    false,
                    "NoPodStranded",
                    "No pod waits for a volume on a node it cannot run on");
            return;
        }
        String pods =
                stranded.stream()
                        .map(
                                s ->
                                        s.pod()
                                                + " (claim "
                                                + s.claim()
                                                + "; scheduler: "
                                                + s.schedulerMessage()
                                                + ")")
                        .collect(Collectors.joining("; "));
        conditions.set(
                ConditionTypes.VOLUME_NODE_LOST,
                true,
                "PodsStranded",
                "Pending because the volume is bound to "
                        + "a node the pod cannot run on: "
                        + pods
                        + ". If that node is gone for good, delete the claim, then the "
                        + "pod: it starts elsewhere on an empty volume (docs/operator.md, \"Node loss\")");
    }

    /** Degraded only when a cluster that ran lost something without the spec having changed. */
    static Phase phase(DolphinClusterStatus previous, long generation, Observation seen) {
        if (!seen.valid()) {
            return Phase.Invalid;
        }
        if (seen.change().isPresent()) {
            return Phase.Progressing;
        }
        boolean running = seen.allReady() && seen.group().isPresent();
        if (running) {
            return Phase.Running;
        }
        boolean ranBefore =
                previous != null
                        && (previous.getPhase() == Phase.Running
                                || previous.getPhase() == Phase.Degraded);
        boolean sameSpec =
                previous != null
                        && previous.getObservedGeneration() != null
                        && previous.getObservedGeneration() == generation;
        if (ranBefore && sameSpec) {
            return Phase.Degraded;
        }
        return seen.statefulSetsExist() ? Phase.Progressing : Phase.Pending;
    }

    private static String progressingReason(Phase phase, Observation seen) {
        if (seen.change().isPresent()) {
            return seen.change().get().getKind();
        }
        return phase == Phase.Running ? "Reconciled" : "PodsStarting";
    }

    private static String readyReason(Phase phase, Observation seen) {
        if (phase == Phase.Running) {
            return "AllPodsReady";
        }
        return seen.allReady() ? "NoLeader" : "PodsNotReady";
    }

    private static String counts(Observation seen) {
        String leader = seen.group().map(g -> "leader " + g.leader()).orElse("no leader known");
        return "controllers "
                + seen.controllers().summary()
                + ", datanodes "
                + seen.datanodes().summary()
                + ", "
                + leader;
    }
}
