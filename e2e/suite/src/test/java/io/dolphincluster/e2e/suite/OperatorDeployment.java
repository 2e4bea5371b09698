package io.dolphincluster.e2e.suite;

import java.nio.file.Path;

/**
 * The operator as {@code manifests/} deploy it on a cluster whose nodes run images: the namespace,
 * the CRD, RBAC and the Deployment of {@code 20-operator.yaml} (two replicas, one leading through a
 * Lease), applied with kubectl. Shared by the targets whose kubelets run the operator's image.
 */
final class OperatorDeployment {
    static final String NAMESPACE = "dolphincluster-system";
    static final String NAME = "dolphincluster-operator";
    static final String NAME_LABEL = "app.kubernetes.io/name";

    private final Kubectl kubectl;

    OperatorDeployment(Kubectl kubectl) {
        this.kubectl = kubectl;
    }

    /** Applies the manifests in order and waits until the Deployment is available. */
    void install(Path repo) {
        kubectl.run("apply", "-f", repo.resolve("manifests/00-namespace.yaml").toString());
        kubectl.run(
                "apply",
                "-f",
                repo.resolve("crds/dolphinclusters.dolphincluster.io-v1.yml").toString());
        kubectl.run("apply", "-f", repo.resolve("manifests/10-rbac.yaml").toString());
        kubectl.run(
                "wait",
                "--for=condition=Established",
                "--timeout=60s",
                "crd/dolphinclusters.dolphincluster.io");
        kubectl.run("apply", "-f", repo.resolve("manifests/20-operator.yaml").toString());
        awaitAvailable();
    }

    /** At least one replica of the Deployment is ready. */
    boolean alive() {
        String ready =
                kubectl.run(
                        "get",
                        "deployment/" + NAME,
                        "-n",
                        NAMESPACE,
                        "-o",
                        "jsonpath={.status.readyReplicas}");
        return !ready.isBlank() && Integer.parseInt(ready.trim()) > 0;
    }

    /** Every operator pod deleted at once, without grace. */
    void kill() {
        kubectl.run(
                "delete",
                "pod",
                "-n",
                NAMESPACE,
                "-l",
                NAME_LABEL + "=" + NAME,
                "--grace-period=0",
                "--force");
    }

    /** Waits until the Deployment's rollout is complete (its pods are available again). */
    void awaitAvailable() {
        kubectl.run("rollout", "status", "deployment/" + NAME, "-n", NAMESPACE, "--timeout=180s");
    }
}
