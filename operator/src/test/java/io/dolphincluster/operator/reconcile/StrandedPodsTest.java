package io.dolphincluster.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrandedPodsTest {
    /**
     * What kube-scheduler writes when the only node the pod's local volume may be used on is gone.
     */
    private static final String NODE_GONE =
            "0/3 nodes are available: 3 node(s) had volume node affinity conflict.";

    private static Pod pending(String name, String reason, String message) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewStatus()
                .withPhase("Pending")
                .addNewCondition()
                .withType("PodScheduled")
                .withStatus("False")
                .withReason(reason)
                .withMessage(message)
                .endCondition()
                .endStatus()
                .build();
    }

    @Test
    void aPodPendingBecauseItsVolumesNodeIsGoneIsStrandedWithItsClaim() {
        assertThat(StrandedPods.in(List.of(pending("demo-datanode-1", "Unschedulable", NODE_GONE))))
                .containsExactly(
                        new StrandedPods.Stranded(
                                "demo-datanode-1", "data-demo-datanode-1", NODE_GONE));
    }

    @Test
    void otherReasonsToWaitAreNot() {
        Pod antiAffinity =
                pending(
                        "demo-datanode-3",
                        "Unschedulable",
                        "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.");
        Pod noVolumeYet =
                pending(
                        "demo-datanode-4",
                        "Unschedulable",
                        "0/3 nodes are available: 3 pod has unbound immediate PersistentVolumeClaims.");
        Pod running =
                new PodBuilder()
                        .withNewMetadata()
                        .withName("demo-datanode-0")
                        .endMetadata()
                        .withNewStatus()
                        .withPhase("Running")
                        .endStatus()
                        .build();
        Pod unscheduledYet =
                new PodBuilder()
                        .withNewMetadata()
                        .withName("demo-datanode-5")
                        .endMetadata()
                        .withNewStatus()
                        .withPhase("Pending")
                        .endStatus()
                        .build();

        assertThat(StrandedPods.in(List.of(antiAffinity, noVolumeYet, running, unscheduledYet)))
                .isEmpty();
    }

    @Test
    void aPodBeingDeletedIsNot() {
        Pod deleting = pending("demo-datanode-1", "Unschedulable", NODE_GONE);
        deleting.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");

        assertThat(StrandedPods.in(List.of(deleting))).isEmpty();
    }
}
