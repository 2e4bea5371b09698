package io.dolphincluster.e2e.harness.kubelet;

import io.dolphincluster.e2e.harness.SimulatedNodes;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node side of a local cluster: plays the kubelet for a set of {@link SimulatedNodes}, running
 * each pod bound to them as a local process.
 *
 * <p>Guarantees, for every pod whose {@code spec.nodeName} is one of this kubelet's live nodes:
 *
 * <ul>
 *   <li>it gets its own loopback address (127.a.b.c), published as {@code status.podIP} and, for
 *       pods with {@code hostname}+{@code subdomain}, in the {@link HostsFile} under {@code
 *       hostname.subdomain.ns.svc} and {@code ...svc.cluster.local};
 *   <li>its first container runs as a process (see {@link PodLaunch}: image directory mapped to the
 *       local distribution, volumes as directories, claims bound by the {@link VolumeProvisioner}
 *       to directories that survive a restart), with {@code -Djdk.net.hosts.file} added to {@code
 *       JAVA_TOOL_OPTIONS};
 *   <li>readiness and liveness HTTP probes run; status (phase, podIP, Ready, restart count) is
 *       written back; the process is restarted per the restart policy;
 *   <li>on deletion: SIGTERM, SIGKILL after the grace period, then the pod object is removed;
 *   <li>{@link #killNode}: every process of the node is SIGKILLed, the Node marked NotReady and its
 *       pods not Ready; nothing runs there until {@link #reviveNode}, which restarts them as after
 *       a reboot.
 * </ul>
 *
 * {@link #close} stops every process it started, by pid.
 */
public final class ProcessKubelet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessKubelet.class);
    private static final Duration SYNC_PERIOD = Duration.ofMillis(500);

    private final KubernetesClient client;
    private final SimulatedNodes nodes;
    private final Path dir;
    private final HostsFile hosts;
    private final Map<String, ImageMapping> images = new ConcurrentHashMap<>();
    private final VolumeProvisioner provisioner;
    private final Set<String> liveNodes = ConcurrentHashMap.newKeySet();
    private final Set<String> deadNodes = ConcurrentHashMap.newKeySet();

    /** By pod uid. */
    private final Map<String, PodWorker> workers = new ConcurrentHashMap<>();

    private final Set<String> stopping = ConcurrentHashMap.newKeySet();
    private final Set<String> waitingReported = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService sync;
    private final ScheduledExecutorService probes;
    private final ExecutorService terminations;
    private final int addressBase = 100 + ThreadLocalRandom.current().nextInt(100);
    private final AtomicInteger nextAddress = new AtomicInteger(1);

    public ProcessKubelet(KubernetesClient client, SimulatedNodes nodes, Path dir, HostsFile hosts)
            throws IOException {
        this.client = client;
        this.nodes = nodes;
        this.dir = Files.createDirectories(dir);
        this.hosts = hosts;
        this.provisioner = new VolumeProvisioner(client, dir.resolve("volumes"));
        this.sync = Executors.newSingleThreadScheduledExecutor(daemon("kubelet-sync"));
        this.probes = Executors.newScheduledThreadPool(2, daemon("kubelet-probes"));
        this.terminations = Executors.newCachedThreadPool(daemon("kubelet-stop"));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Runs pods of {@code image} from {@code localDir}, which stands for the image's {@code
     * imageDir}.
     */
    public ProcessKubelet withImage(String image, String imageDir, Path localDir) {
        images.put(image, new ImageMapping(image, imageDir, localDir));
        return this;
    }

    /** Registers a Ready Node (through {@link SimulatedNodes}) whose pods this kubelet runs. */
    public ProcessKubelet addNode(String name, String zone) {
        nodes.register(name, zone);
        liveNodes.add(name);
        return this;
    }

    public HostsFile hosts() {
        return hosts;
    }

    public ProcessKubelet start() {
        sync.scheduleWithFixedDelay(
                this::syncQuietly, 0, SYNC_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        probes.scheduleWithFixedDelay(this::probeAll, 200, 200, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The pid of a running pod's process. */
    public Optional<Long> pid(String namespace, String pod) {
        return workers.values().stream()
                .filter(w -> w.namespace.equals(namespace) && w.name.equals(pod))
                .map(PodWorker::pid)
                .filter(p -> p != null)
                .findFirst();
    }

    /** The file a pod's container writes its output to (kept after the process ends). */
    public Optional<Path> logFile(String namespace, String pod) {
        return workers.values().stream()
                .filter(w -> w.namespace.equals(namespace) && w.name.equals(pod))
                .map(PodWorker::logFile)
                .findFirst();
    }

    /** The node a running pod's process belongs to. */
    public List<String> podsOn(String node) {
        return workers.values().stream()
                .filter(w -> w.node.equals(node))
                .map(PodWorker::alias)
                .sorted()
                .toList();
    }

    /**
     * SIGKILLs every process of the node, marks the Node NotReady and its pods not Ready; runs
     * nothing there until revived.
     */
    public void killNode(String node) {
        runOnSyncThread(
                () -> {
                    liveNodes.remove(node);
                    deadNodes.add(node);
                    for (PodWorker worker : new ArrayList<>(workers.values())) {
                        if (worker.node.equals(node)) {
                            worker.kill();
                            workers.remove(worker.uid);
                            hosts.remove(worker.ip);
                        }
                    }
                    LOG.info("[{}] node killed", node);
                });
        nodes.markNotReady(node);
        // What the node-lifecycle controller does for pods of an unreachable node.
        for (Pod pod :
                client.pods().inAnyNamespace().withField("spec.nodeName", node).list().getItems()) {
            try {
                client.pods()
                        .inNamespace(pod.getMetadata().getNamespace())
                        .withName(pod.getMetadata().getName())
                        .editStatus(
                                p -> {
                                    if (p.getStatus() != null
                                            && p.getStatus().getConditions() != null) {
                                        p.getStatus().getConditions().stream()
                                                .filter(
                                                        c ->
                                                                "Ready".equals(c.getType())
                                                                        || "ContainersReady"
                                                                                .equals(
                                                                                        c
                                                                                                .getType()))
                                                .forEach(c -> c.setStatus("False"));
                                    }
                                    return p;
                                });
            } catch (KubernetesClientException e) {
                LOG.warn(
                        "[{}] cannot mark pod {} not ready: {}",
                        node,
                        pod.getMetadata().getName(),
                        e.getMessage());
            }
        }
    }

    /**
     * Brings a killed node back: Ready again, its pods restarted (their volumes kept), as after a
     * reboot.
     */
    public void reviveNode(String node) {
        nodes.markReady(node);
        deadNodes.remove(node);
        liveNodes.add(node);
        LOG.info("[{}] node revived", node);
    }

    private void runOnSyncThread(Runnable action) {
        try {
            sync.submit(action).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("kubelet sync thread did not run the action", e);
        }
    }

    private void syncQuietly() {
        try {
            syncOnce();
        } catch (RuntimeException | IOException e) {
            LOG.warn("[kubelet] sync failed: {}", e.toString());
        }
    }

    private void syncOnce() throws IOException {
        provisioner.sync();
        Set<String> seen = new HashSet<>();
        for (Pod pod : client.pods().inAnyNamespace().list().getItems()) {
            String node = pod.getSpec().getNodeName();
            if (node == null || !liveNodes.contains(node)) {
                continue;
            }
            String uid = pod.getMetadata().getUid();
            seen.add(uid);
            PodWorker worker = workers.get(uid);
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                terminate(pod, worker);
            } else if (worker == null) {
                String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
                if (!"Succeeded".equals(phase) && !"Failed".equals(phase)) {
                    admit(pod);
                }
            } else if (worker.ensureRunning()) {
                writeStatus(worker);
            }
        }
        for (PodWorker worker : new ArrayList<>(workers.values())) {
            if (!seen.contains(worker.uid)
                    && !stopping.contains(worker.uid)
                    && liveNodes.contains(worker.node)) {
                LOG.info("[{}] pod is gone from the API: killing its process", worker.alias());
                worker.kill();
                workers.remove(worker.uid);
                hosts.remove(worker.ip);
            }
        }
    }

    private void admit(Pod pod) throws IOException {
        String alias = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        String image = pod.getSpec().getContainers().get(0).getImage();
        ImageMapping mapping = images.get(image);
        if (mapping == null) {
            reportWaiting(pod, "image " + image + " is not known to the process kubelet");
            return;
        }
        Path podDir =
                dir.resolve("pods")
                        .resolve(
                                pod.getMetadata().getNamespace()
                                        + "_"
                                        + pod.getMetadata().getName()
                                        + "_"
                                        + pod.getMetadata().getUid().substring(0, 8));
        String ip = allocateAddress();
        PodLaunch launch;
        try {
            launch = PodLaunch.of(client, pod, ip, podDir, mapping);
        } catch (IllegalStateException e) {
            nextAddress.decrementAndGet();
            reportWaiting(pod, e.getMessage());
            return;
        }
        String toolOptions = launch.env.getOrDefault("JAVA_TOOL_OPTIONS", "");
        launch.env.put(
                "JAVA_TOOL_OPTIONS",
                (toolOptions + " -Djdk.net.hosts.file=" + hosts.path()).trim());
        launch.env.put("JAVA", ProcessHandle.current().info().command().orElse("java"));
        int restarts = previousRestarts(pod);
        PodWorker worker = new PodWorker(pod, ip, launch, podDir, restarts);
        hosts.put(ip, dnsNames(pod));
        workers.put(worker.uid, worker);
        waitingReported.remove(worker.uid);
        worker.ensureRunning();
        writeStatus(worker);
    }

    /** A pod found again after its node came back keeps counting restarts. */
    private static int previousRestarts(Pod pod) {
        if (pod.getStatus() == null
                || pod.getStatus().getContainerStatuses() == null
                || pod.getStatus().getContainerStatuses().isEmpty()) {
            return 0;
        }
        var status = pod.getStatus().getContainerStatuses().get(0);
        return status.getRestartCount() == null ? 0 : status.getRestartCount() + 1;
    }

    private void reportWaiting(Pod pod, String why) {
        if (waitingReported.add(pod.getMetadata().getUid())) {
            LOG.info(
                    "[{}/{}] waiting: {}",
                    pod.getMetadata().getNamespace(),
                    pod.getMetadata().getName(),
                    why);
        }
    }

    private String allocateAddress() {
        int n = nextAddress.getAndIncrement();
        return "127." + addressBase + "." + (n / 250) + "." + (n % 250 + 1);
    }

    private static List<String> dnsNames(Pod pod) {
        List<String> names = new ArrayList<>();
        String ns = pod.getMetadata().getNamespace();
        String hostname =
                pod.getSpec().getHostname() != null
                        ? pod.getSpec().getHostname()
                        : pod.getMetadata().getName();
        if (pod.getSpec().getSubdomain() != null && !pod.getSpec().getSubdomain().isEmpty()) {
            String base = hostname + "." + pod.getSpec().getSubdomain() + "." + ns + ".svc";
            names.add(base);
            names.add(base + ".cluster.local");
        }
        names.add(pod.getMetadata().getName() + "." + ns + ".pod");
        return names;
    }

    private void terminate(Pod pod, PodWorker worker) {
        String uid = pod.getMetadata().getUid();
        if (!stopping.add(uid)) {
            return;
        }
        terminations.submit(
                () -> {
                    try {
                        if (worker != null) {
                            worker.stop(Duration.ofSeconds(worker.gracePeriod()));
                            hosts.remove(worker.ip);
                        }
                        client.pods()
                                .inNamespace(pod.getMetadata().getNamespace())
                                .withName(pod.getMetadata().getName())
                                .withGracePeriod(0)
                                .delete();
                        LOG.info(
                                "[{}/{}] terminated and removed",
                                pod.getMetadata().getNamespace(),
                                pod.getMetadata().getName());
                    } catch (RuntimeException e) {
                        LOG.warn(
                                "[{}/{}] termination failed: {}",
                                pod.getMetadata().getNamespace(),
                                pod.getMetadata().getName(),
                                e.toString());
                    } finally {
                        workers.remove(uid);
                        stopping.remove(uid);
                    }
                });
    }

    private void probeAll() {
        for (PodWorker worker : workers.values()) {
            try {
                if (!stopping.contains(worker.uid)
                        && worker.probe()
                        && workers.get(worker.uid) == worker) {
                    LOG.info("[{}] {}", worker.alias(), worker.isReady() ? "ready" : "not ready");
                    writeStatus(worker);
                }
            } catch (RuntimeException e) {
                LOG.warn("[{}] probe failed: {}", worker.alias(), e.toString());
            }
        }
    }

    private synchronized void writeStatus(PodWorker worker) {
        if (workers.get(worker.uid) != worker) {
            return; // killed with its node or stopped: its last status is not this worker's to
            // write
        }
        PodStatus status = worker.status();
        try {
            client.pods()
                    .inNamespace(worker.namespace)
                    .withName(worker.name)
                    .editStatus(
                            p -> {
                                if (!worker.uid.equals(p.getMetadata().getUid())) {
                                    return p;
                                }
                                status.setQosClass(
                                        p.getStatus() == null ? null : p.getStatus().getQosClass());
                                p.setStatus(status);
                                return p;
                            });
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                LOG.warn("[{}] status write failed: {}", worker.alias(), e.getMessage());
            }
        }
    }

    /**
     * Stops every process this kubelet started (SIGTERM, SIGKILL after 5 s), by pid, and its
     * threads.
     */
    @Override
    public void close() {
        sync.shutdownNow();
        probes.shutdownNow();
        try {
            sync.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Thread> stoppers = new ArrayList<>();
        for (PodWorker worker : workers.values()) {
            Thread stopper =
                    new Thread(
                            () -> worker.stop(Duration.ofSeconds(5)),
                            "kubelet-close-" + worker.name);
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        terminations.shutdownNow();
        workers.clear();
    }
}
