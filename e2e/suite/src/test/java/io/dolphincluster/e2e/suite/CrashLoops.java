package io.dolphincluster.e2e.suite;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * A wait for pods need not run to its deadline when one of them crash-loops: {@link #check} fails
 * at once, naming the pod, its node and, where a kubelet serves them ({@code kubectl logs}), the
 * last lines its container wrote before the last restart.
 */
final class CrashLoops {
    private static final int RESTARTS = 3;
    private static final int LINES = 8;

    private CrashLoops() {}

    /** Throws once a container of a pod labelled {@code label=value} restarted three times. */
    static void check(
            KubernetesClient client,
            Kubectl kubectl,
            String namespace,
            String label,
            String value) {
        for (Pod pod :
                client.pods().inNamespace(namespace).withLabel(label, value).list().getItems()) {
            List<ContainerStatus> statuses =
                    pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses();
            if (statuses == null) continue;
            for (ContainerStatus status : statuses) {
                if (status.getRestartCount() >= RESTARTS) {
                    throw new AssertionError(
                            pod.getMetadata().getName()
                                    + " on "
                                    + pod.getSpec().getNodeName()
                                    + " restarted "
                                    + status.getRestartCount()
                                    + " times; its last log lines:\n"
                                    + lastLines(kubectl, pod, status.getName()));
                }
            }
        }
    }

    private static String lastLines(Kubectl kubectl, Pod pod, String container) {
        try {
            return kubectl.run(
                    "logs",
                    "-n",
                    pod.getMetadata().getNamespace(),
                    pod.getMetadata().getName(),
                    "-c",
                    container,
                    "--previous",
                    "--tail=" + LINES);
        } catch (RuntimeException e) {
            return "(not readable through the API: " + e.getMessage() + ")";
        }
    }
}
