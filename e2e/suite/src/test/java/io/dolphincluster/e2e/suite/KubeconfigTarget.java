package io.dolphincluster.e2e.suite;

import io.dolphincluster.e2e.harness.kubelet.HostsFile;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An existing cluster named by a kubeconfig (for example kind, see e2e/kind/): the operator runs as
 * the Deployment of manifests/20-operator.yaml (its image loaded into the cluster), pods are
 * reached through {@code kubectl port-forward} on a loopback address per pod ({@link PortForwards},
 * which also publishes their DNS names in this JVM's hosts file), and a node is killed and revived
 * through the container engine that runs it ({@code docker kill}/{@code docker start}, or {@code
 * $DOLPHIN_E2E_ENGINE}). Not run on the build machines, which have no container engine.
 */
final class KubeconfigTarget implements ClusterTarget {
    private final KubernetesClient client;
    private final Kubectl kubectl;
    private final PortForwards forwards;
    private final OperatorDeployment operator;

    private KubeconfigTarget(KubernetesClient client, Kubectl kubectl, PortForwards forwards) {
        this.client = client;
        this.kubectl = kubectl;
        this.forwards = forwards;
        this.operator = new OperatorDeployment(kubectl);
    }

    static KubeconfigTarget connect(Path kubeconfig, Path hostsFile) throws IOException {
        Config config = Config.fromKubeconfig(Files.readString(kubeconfig, StandardCharsets.UTF_8));
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        Kubectl kubectl = new Kubectl(kubeconfig);
        return new KubeconfigTarget(
                client,
                kubectl,
                new PortForwards(client, kubectl, new HostsFile(hostsFile)).start());
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public Kubectl kubectl() {
        return kubectl;
    }

    @Override
    public void installOperator(Path repo) {
        operator.install(repo);
    }

    @Override
    public boolean operatorAlive() {
        return operator.alive();
    }

    @Override
    public void killOperator() {
        operator.kill();
    }

    /** The Deployment starts a new pod by itself; this waits until it is available. */
    @Override
    public void startOperator() {
        operator.awaitAvailable();
    }

    @Override
    public String address(Pod pod) {
        return forwards.addressOf(pod);
    }

    @Override
    public void killNode(String node) {
        engine("kill", node);
    }

    @Override
    public void reviveNode(String node) {
        engine("start", node);
    }

    private static void engine(String action, String node) {
        String engine = System.getenv().getOrDefault("DOLPHIN_E2E_ENGINE", "docker");
        try {
            Process process = new ProcessBuilder(List.of(engine, action, node)).inheritIO().start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(engine + " " + action + " " + node + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + engine, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        forwards.close();
        client.close();
    }
}
