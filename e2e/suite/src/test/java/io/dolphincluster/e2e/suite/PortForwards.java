package io.dolphincluster.e2e.suite;

import io.dolphincluster.e2e.harness.kubelet.HostsFile;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the pods of DolphinClusters reachable from this JVM when it runs outside the cluster: each
 * running pod gets a loopback address of its own, a {@code kubectl port-forward --address} of its
 * container ports on it, and its stable DNS names mapped to it in the hosts file. Forwards are
 * re-created when a pod is replaced or its forward dies; checked every second.
 */
final class PortForwards implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PortForwards.class);
    private static final String MANAGED = "app.kubernetes.io/managed-by=dolphincluster-operator";

    private final KubernetesClient client;
    private final Kubectl kubectl;
    private final HostsFile hosts;
    private final Map<String, String> addressByPod = new ConcurrentHashMap<>();
    private final Map<String, Forward> forwards = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger(1);
    private final ScheduledExecutorService loop =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread thread = new Thread(r, "port-forwards");
                        thread.setDaemon(true);
                        return thread;
                    });

    private record Forward(String uid, Process process) {}

    PortForwards(KubernetesClient client, Kubectl kubectl, HostsFile hosts) {
        this.client = client;
        this.kubectl = kubectl;
        this.hosts = hosts;
    }

    PortForwards start() {
        loop.scheduleWithFixedDelay(this::syncQuietly, 0, 1, TimeUnit.SECONDS);
        return this;
    }

    String addressOf(Pod pod) {
        return addressByPod.computeIfAbsent(
                key(pod),
                k -> {
                    int n = next.getAndIncrement();
                    return "127.77." + (n / 250) + "." + (n % 250 + 1);
                });
    }

    private static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private void syncQuietly() {
        try {
            for (Pod pod :
                    client.pods()
                            .inAnyNamespace()
                            .withLabel(MANAGED.split("=")[0], MANAGED.split("=")[1])
                            .list()
                            .getItems()) {
                boolean running =
                        pod.getStatus() != null
                                && "Running".equals(pod.getStatus().getPhase())
                                && pod.getMetadata().getDeletionTimestamp() == null;
                Forward forward = forwards.get(key(pod));
                boolean current =
                        forward != null
                                && forward.uid().equals(pod.getMetadata().getUid())
                                && forward.process().isAlive();
                if (running && !current) {
                    if (forward != null) forward.process().destroyForcibly();
                    forwards.put(key(pod), open(pod));
                }
            }
        } catch (RuntimeException | IOException e) {
            LOG.warn("[port-forward] sync failed: {}", e.toString());
        }
    }

    private Forward open(Pod pod) throws IOException {
        String address = addressOf(pod);
        List<String> command =
                new ArrayList<>(
                        kubectl.command(
                                "port-forward",
                                "--address",
                                address,
                                "-n",
                                pod.getMetadata().getNamespace(),
                                "pod/" + pod.getMetadata().getName()));
        for (ContainerPort port : pod.getSpec().getContainers().get(0).getPorts()) {
            command.add(String.valueOf(port.getContainerPort()));
        }
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .start();
        String ns = pod.getMetadata().getNamespace();
        String base =
                pod.getSpec().getHostname()
                        + "."
                        + pod.getSpec().getSubdomain()
                        + "."
                        + ns
                        + ".svc";
        hosts.put(address, List.of(base, base + ".cluster.local"));
        LOG.info("[port-forward] {} on {} (pid {})", key(pod), address, process.pid());
        return new Forward(pod.getMetadata().getUid(), process);
    }

    @Override
    public void close() {
        loop.shutdownNow();
        forwards.values().forEach(f -> f.process().destroyForcibly());
    }
}
