package io.dolphincluster.operator.reconcile;

import io.dolphincluster.operator.desired.StatefulSetDesired;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.List;
import java.util.Optional;

/**
 * Pods that cannot be scheduled because their volume is bound to a node they cannot run on: a
 * node-local volume (local PV, a zonal disk) whose node was deleted, or is cordoned or tainted. The
 * StatefulSet recreates such a pod with the same claim, so it stays Pending until the node returns
 * or the claim is deleted (docs/operator.md, "Node loss"). Read from the scheduler's verdict in the
 * pod's PodScheduled condition, which names the volume conflict.
 */
final class StrandedPods {
    /**
     * The scheduler's words for a node ruled out by a bound volume's node affinity (VolumeBinding
     * plugin).
     */
    static final String VOLUME_NODE_CONFLICT = "volume node affinity conflict";

    /** A stranded pod, its volume claim and what the scheduler said about it. */
    record Stranded(String pod, String claim, String schedulerMessage) {}

    private StrandedPods() {}

    static List<Stranded> in(List<Pod> pods) {
        return pods.stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .filter(
                        pod ->
                                pod.getStatus() != null
                                        && "Pending".equals(pod.getStatus().getPhase()))
                .flatMap(
                        pod ->
                                unschedulable(pod).stream()
                                        .filter(message -> message.contains(VOLUME_NODE_CONFLICT))
                                        .map(
                                                message ->
                                                        new Stranded(
                                                                pod.getMetadata().getName(),
                                                                claimOf(pod),
                                                                message)))
                .toList();
    }

    /** The claim the StatefulSet made for the pod from its volume claim template. */
    private static String claimOf(Pod pod) {
        return StatefulSetDesired.DATA_VOLUME + "-" + pod.getMetadata().getName();
    }

    private static Optional<String> unschedulable(Pod pod) {
        List<PodCondition> conditions =
                pod.getStatus().getConditions() == null
                        ? List.of()
                        : pod.getStatus().getConditions();
        return conditions.stream()
                .filter(
                        c ->
                                "PodScheduled".equals(c.getType())
                                        && "False".equals(c.getStatus())
                                        && "Unschedulable".equals(c.getReason())
                                        && c.getMessage() != null)
                .map(PodCondition::getMessage)
                .findFirst();
    }
}
