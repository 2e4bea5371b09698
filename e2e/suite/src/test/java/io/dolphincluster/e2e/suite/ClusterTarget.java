package io.dolphincluster.e2e.suite;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Kubernetes cluster the suite runs against, and the few things it cannot do through the API:
 * run the operator under its ServiceAccount, reach a pod's ports from this JVM, and kill or revive
 * a node. {@link #fromSystemProperties} picks {@link LocalTarget} (a local control plane whose pods
 * are processes) unless {@code dolphin.e2e.kubeconfig} names an existing cluster ({@link
 * KubeconfigTarget}, e.g. kind); {@link RealNodesTarget} (real kubelets on this machine) is chosen
 * by the test classes of that tier.
 */
interface ClusterTarget extends AutoCloseable {

    KubernetesClient client();

    Kubectl kubectl();

    /**
     * Applies the CRD and manifests/ (namespace, RBAC) and runs the operator under the manifests'
     * ServiceAccount.
     */
    void installOperator(Path repo) throws Exception;

    boolean operatorAlive();

    /**
     * The operator dies at once (SIGKILL, or a forced pod deletion), leaving whatever it was doing
     * half done.
     */
    void killOperator();

    /**
     * Starts the operator again after {@link #killOperator} (on a Deployment: waits until it runs
     * again).
     */
    void startOperator() throws Exception;

    /**
     * An address on which this JVM reaches the pod's container ports (its DNS names resolve here
     * too).
     */
    String address(Pod pod);

    /**
     * Whether {@code kubectl port-forward} reaches this target's pods: it needs a kubelet's API,
     * which the process kubelet does not serve.
     */
    default boolean servesPortForward() {
        return true;
    }

    /**
     * The last {@code lines} lines {@code pod}'s container wrote, for a failure's message ({@code
     * kubectl logs}); a note instead when they cannot be read.
     */
    default String lastLogLines(Pod pod, int lines) {
        try {
            return kubectl()
                    .run(
                            "logs",
                            "-n",
                            pod.getMetadata().getNamespace(),
                            pod.getMetadata().getName(),
                            "--tail=" + lines);
        } catch (RuntimeException e) {
            return "(not readable through the API: " + e.getMessage() + ")";
        }
    }

    /**
     * Every process of the node dies at once; the Node turns NotReady (at once, or when the
     * node-lifecycle controller notices, as on a real cluster).
     */
    void killNode(String node);

    /** The node comes back, as after a reboot; its pods start again with their volumes. */
    void reviveNode(String node);

    /**
     * Stops whatever this target started (the operator, a local plane and its nodes); throws no
     * checked exception.
     */
    @Override
    void close();

    static ClusterTarget fromSystemProperties(Path work, Path hostsFile) throws Exception {
        return fromSystemProperties(work, hostsFile, LocalTarget.FOUR_NODES);
    }

    /**
     * As {@link #fromSystemProperties(Path, Path)}; a local plane gets {@code localNodes} (name to
     * zone).
     */
    static ClusterTarget fromSystemProperties(
            Path work, Path hostsFile, Map<String, String> localNodes) throws Exception {
        String kubeconfig = System.getProperty("dolphin.e2e.kubeconfig", "");
        if (!kubeconfig.isBlank()) {
            return KubeconfigTarget.connect(Path.of(kubeconfig), hostsFile);
        }
        return LocalTarget.start(work, hostsFile, localNodes);
    }
}
