package io.dolphincluster.e2e.suite;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;

/**
 * For the message of a wait that ran out: each of a cluster's pods that is not Ready, with its
 * node, phase, restarts and the last lines its container wrote, so a failure in CI says which pod
 * held the cluster up and what it was waiting for.
 */
final class PodsNotReady {
    private static final int LINES = 6;

    private PodsNotReady() {}

    static String describe(ClusterTarget target, String namespace, String label, String value) {
        List<String> lines = new ArrayList<>();
        try {
            for (Pod pod :
                    target.client()
                            .pods()
                            .inNamespace(namespace)
                            .withLabel(label, value)
                            .list()
                            .getItems()) {
                if (RollObserver.isReady(pod)) continue;
                lines.add(
                        pod.getMetadata().getName()
                                + " on "
                                + pod.getSpec().getNodeName()
                                + ": "
                                + (pod.getStatus() == null
                                        ? "no status"
                                        : pod.getStatus().getPhase())
                                + ", restarts "
                                + restarts(pod)
                                + (pod.getMetadata().getDeletionTimestamp() == null
                                        ? ""
                                        : ", being deleted")
                                + "; last lines:\n    "
                                + target.lastLogLines(pod, LINES).replace("\n", "\n    "));
            }
        } catch (RuntimeException e) {
            return "pods not readable: " + e.getMessage();
        }
        return lines.isEmpty() ? "every pod Ready" : "pods not Ready:\n" + String.join("\n", lines);
    }

    private static int restarts(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) return 0;
        return pod.getStatus().getContainerStatuses().stream()
                .mapToInt(ContainerStatus::getRestartCount)
                .sum();
    }
}
