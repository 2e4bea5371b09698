package io.dolphincluster.e2e.harness.real;

import io.dolphincluster.e2e.harness.LocalControlPlane;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real nodes on this machine for a {@link LocalControlPlane}: each a containerd and a real kubelet
 * 1.20 (built from Debian's source by {@code e2e/scripts/install-kube.sh}) running real containers
 * with runc, its pods on a CNI bridge subnet of its own ({@code 10.244.<i>.0/24}, reachable from
 * every other node and from this JVM), labelled with its zone; plus, shared by all, kube-proxy
 * (iptables mode) for ClusterIP Services, a DNS stand-in fed from Services and Endpoints ({@link
 * ClusterDns}), and a local-path volume provisioner (the default StorageClass, {@link
 * LocalPathProvisioner}). Images are not pulled (no registry is reachable): every node imports the
 * archives given ({@code e2e/real/prepare.sh} builds them); pods run them with the default pull
 * policy {@code IfNotPresent}.
 *
 * <p>The plane must run the node-lifecycle controller ({@link #planeOptions()}). Needs root, cgroup
 * v1, and one set of real nodes per machine at a time ({@link MachineLock}). {@link #start} returns
 * once every Node is Ready; on failure it tears down what it started and keeps the plane's files.
 * {@link #close} stops every process it started, by pid, kills every container, and removes the
 * bridges, cgroups, iptables rules and unpacked images; logs stay in {@link #dir()} (inside the
 * plane's directory) until the plane deletes it.
 */
public final class RealNodes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RealNodes.class);

    private final LocalControlPlane plane;
    private final Options options;
    private final Path dir;
    private final List<RealNode> nodes = Collections.synchronizedList(new ArrayList<>());
    private final List<Path> createdMountPoints = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread closeOnExit = new Thread(this::close, "real-nodes-close-on-exit");
    private MachineLock lock;
    private NodeNetwork network;
    private ClusterDns dns;
    private LocalPathProvisioner volumes;
    private KubeProxy kubeProxy;

    private RealNodes(LocalControlPlane plane, Options options, Path dir) {
        this.plane = plane;
        this.options = options;
        this.dir = dir;
    }

    /**
     * A plane for real nodes: every component, the controller-manager's node-lifecycle controller
     * on, and the API server listening on every address, so that pods reach it through the {@code
     * kubernetes} Service (kube-proxy sends them to the machine's own address) and verify it with
     * their ServiceAccount's {@code ca.crt}.
     */
    public static LocalControlPlane.Options planeOptions() {
        return LocalControlPlane.Options.defaults()
                .withControllers("*,-nodeipam")
                .withApiServerBindAddress("0.0.0.0");
    }

    /** Starts the nodes of {@code options} against {@code plane} and waits until all are Ready. */
    public static RealNodes start(LocalControlPlane plane, Options options) {
        Objects.requireNonNull(plane, "plane");
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException(
                    "real nodes need root (containerd, kubelet, bridges, iptables)");
        }
        NodeCgroups.requireV1();
        NodeBinaries binaries = NodeBinaries.locate();
        for (Path image : options.images()) {
            if (!Files.isRegularFile(image)) {
                throw new IllegalStateException(
                        "image archive " + image + " is missing; " + NodeBinaries.PREPARE_HINT);
            }
        }
        RealNodes real = new RealNodes(plane, options, plane.dir().resolve("real-nodes"));
        Runtime.getRuntime().addShutdownHook(real.closeOnExit);
        long started = System.nanoTime();
        try {
            real.lock = MachineLock.acquire(options.lockTimeout());
            real.setUp(binaries);
            LOG.info(
                    "[real-nodes] {} Ready in {} s (logs in {})",
                    real.nodeNames(),
                    Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                    real.dir);
            return real;
        } catch (RuntimeException | IOException | InterruptedException | ExecutionException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            plane.keepFilesOnClose();
            try {
                real.close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e instanceof RuntimeException r
                    ? r
                    : new IllegalStateException("real nodes did not start", e);
        }
    }

    private void setUp(NodeBinaries binaries)
            throws IOException, InterruptedException, ExecutionException {
        KubernetesClient client = plane.client();
        List<String> names = List.copyOf(options.nodes().keySet());
        Files.createDirectories(dir);
        for (String mountPoint : RealNode.PRIVATE_DIRS) {
            Path path = Path.of(mountPoint);
            if (!Files.isDirectory(path)) {
                Files.createDirectories(path);
                createdMountPoints.add(path);
            }
        }
        KubeProxy.removeKubeChains(); // left by a run that died before its clean-up
        network = NodeNetwork.create(names.size());
        NodeCredentials.create(client, names);
        dns = ClusterDns.start(client, dir.resolve("dns"), options.jvmHostsFile(), binaries);
        Map<String, Path> volumeRoots = new LinkedHashMap<>();
        for (String name : names) {
            volumeRoots.put(name, Files.createDirectories(dir.resolve(name).resolve("volumes")));
        }
        volumes = LocalPathProvisioner.start(client, volumeRoots);
        Path proxyConfig =
                NodeCredentials.kubeconfig(
                        client,
                        plane.serverUrl(),
                        NodeCredentials.KUBE_PROXY_ACCOUNT,
                        Files.createDirectories(dir.resolve("kube-proxy")).resolve("kubeconfig"),
                        Duration.ofSeconds(60));
        kubeProxy = KubeProxy.start(binaries, dir.resolve("kube-proxy"), proxyConfig, names.get(0));

        ExecutorService starters = Executors.newFixedThreadPool(names.size());
        try {
            List<Future<?>> starts = new ArrayList<>();
            int index = 1;
            for (Map.Entry<String, String> entry : options.nodes().entrySet()) {
                RealNode node =
                        new RealNode(
                                entry.getKey(),
                                entry.getValue(),
                                index++,
                                dir.resolve(entry.getKey()),
                                binaries);
                nodes.add(node);
                starts.add(
                        starters.submit(
                                () -> {
                                    startNode(client, node);
                                    return null;
                                }));
            }
            for (Future<?> start : starts) {
                start.get();
            }
        } finally {
            starters.shutdownNow();
        }
        awaitReady(client);
    }

    private void startNode(KubernetesClient client, RealNode node) throws IOException {
        long t0 = System.nanoTime();
        node.startContainerd(Duration.ofSeconds(60));
        long t1 = System.nanoTime();
        node.importImages(options.images());
        long t2 = System.nanoTime();
        Path kubeconfig =
                NodeCredentials.kubeconfig(
                        client,
                        plane.serverUrl(),
                        NodeCredentials.kubeletAccount(node.name()),
                        node.dir().resolve("kubeconfig"),
                        Duration.ofSeconds(60));
        node.startKubelet(kubeconfig, NodeNetwork.DNS_ADDRESS);
        LOG.info(
                "[real-nodes] {}: containerd up in {} ms, {} images imported in {} ms, kubelet started",
                node.name(),
                (t1 - t0) / 1_000_000,
                options.images().size(),
                (t2 - t1) / 1_000_000);
    }

    private void awaitReady(KubernetesClient client) {
        long deadline = System.nanoTime() + options.readyTimeout().toNanos();
        while (true) {
            List<String> notReady = new ArrayList<>();
            for (RealNode node : nodes) {
                if (!node.kubeletAlive()) {
                    throw new IllegalStateException(
                            "the kubelet of " + node.name() + " exited:\n" + node.kubeletLogTail());
                }
                if (!ready(client.nodes().withName(node.name()).get())) {
                    notReady.add(node.name());
                }
            }
            if (notReady.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                RealNode first =
                        nodes.stream()
                                .filter(n -> notReady.contains(n.name()))
                                .findFirst()
                                .orElseThrow();
                throw new IllegalStateException(
                        "nodes "
                                + notReady
                                + " not Ready after "
                                + options.readyTimeout().toSeconds()
                                + " s; kubelet log of "
                                + first.name()
                                + ":\n"
                                + first.kubeletLogTail());
            }
            RealNode.sleep(250);
        }
    }

    private static boolean ready(Node node) {
        if (node == null || node.getStatus() == null || node.getStatus().getConditions() == null) {
            return false;
        }
        boolean taintFree =
                node.getSpec().getTaints() == null
                        || node.getSpec().getTaints().stream()
                                .noneMatch(
                                        t -> t.getKey().startsWith("node.kubernetes.io/not-ready"));
        return taintFree
                && node.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /**
     * The node dies at once (see {@link RealNode#kill}): its kubelet and every container get
     * SIGKILL; returns when none of them runs. The Node turns NotReady when the node-lifecycle
     * controller notices (its grace period, 40 s), and its pods lose Ready then, as on a real
     * cluster.
     */
    public void killNode(String node) {
        find(node).kill(Duration.ofSeconds(30));
    }

    /**
     * The node comes back as after a reboot (see {@link RealNode#revive}); returns once its kubelet
     * has renewed the node's Lease, so the API sees it alive again. Its pods start again on their
     * own.
     */
    public void reviveNode(String node) {
        KubernetesClient client = plane.client();
        ZonedDateTime revived = ZonedDateTime.now();
        try {
            find(node).revive();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!renewedSince(client, node, revived)) {
            if (!find(node).kubeletAlive()) {
                throw new IllegalStateException(
                        "the revived kubelet of "
                                + node
                                + " exited:\n"
                                + find(node).kubeletLogTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the revived kubelet of "
                                + node
                                + " did not renew its Lease in 60 s:\n"
                                + find(node).kubeletLogTail());
            }
            RealNode.sleep(250);
        }
        LOG.info("[real-nodes] {} revived", node);
    }

    private static boolean renewedSince(KubernetesClient client, String node, ZonedDateTime since) {
        Lease lease = client.leases().inNamespace("kube-node-lease").withName(node).get();
        if (lease == null || lease.getSpec().getRenewTime() == null) {
            return false;
        }
        return !lease.getSpec().getRenewTime().isBefore(since);
    }

    /** The node names, in the order given (node {@code i} has the subnet {@code 10.244.i.0/24}). */
    public List<String> nodeNames() {
        return List.copyOf(options.nodes().keySet());
    }

    /** The node's InternalIP: its bridge's address, the gateway of its pods. */
    public String internalIp(String node) {
        return find(node).internalIp();
    }

    /**
     * The node's directory: {@code containerd.log}, {@code kubelet.log}, {@code log/pods/...},
     * {@code volumes/}.
     */
    public Path nodeDir(String node) {
        return find(node).dir();
    }

    /**
     * Where the kubelet of {@code node} writes container logs: {@code
     * <ns>_<pod>_<uid>/<container>/<n>.log}.
     */
    public Path podLogDir(String node) {
        return find(node).podLogDir();
    }

    /** The address pods send DNS queries to (the stand-in, see {@link ClusterDns}). */
    public String clusterDns() {
        return NodeNetwork.DNS_ADDRESS;
    }

    /** The cluster's DNS names in hosts-file format, plus localhost: for a JVM on this machine. */
    public Path jvmHostsFile() {
        return dns.jvmHostsFile();
    }

    /**
     * Everything the real nodes write: one directory per node, {@code dns/}, {@code kube-proxy/}.
     */
    public Path dir() {
        return dir;
    }

    private RealNode find(String name) {
        synchronized (nodes) {
            return nodes.stream()
                    .filter(n -> n.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no real node " + name));
        }
    }

    /** Tears everything down; a second call (the shutdown hook) waits until the first is done. */
    @Override
    public synchronized void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(closeOnExit);
        } catch (IllegalStateException shuttingDown) {
            // This is the hook.
        }
        List<RealNode> started;
        synchronized (nodes) {
            started = new ArrayList<>(nodes);
        }
        Collections.reverse(started);
        for (RealNode node : started) {
            quietly("node " + node.name(), node::close);
        }
        if (kubeProxy != null) {
            quietly("kube-proxy", kubeProxy::close);
        }
        if (volumes != null) {
            quietly("volumes", volumes::close);
        }
        if (dns != null) {
            quietly("dns", dns::close);
        }
        if (network != null) {
            quietly("network", network::close);
        }
        for (Path mountPoint : createdMountPoints) {
            try (Stream<Path> entries = Files.list(mountPoint)) {
                if (entries.findAny().isEmpty()) {
                    Files.delete(mountPoint);
                }
            } catch (IOException e) {
                LOG.debug("[real-nodes] leaving {}: {}", mountPoint, e.toString());
            }
        }
        if (lock != null) {
            lock.close();
        }
        LOG.info("[real-nodes] stopped");
    }

    private static void quietly(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.warn("[real-nodes] clean-up of {} failed: {}", what, e.toString());
        }
    }

    /**
     * The image archives prepared on this machine: the pause image from the cache, and the archives
     * given.
     */
    public static List<Path> images(Path... archives) {
        List<Path> all = new ArrayList<>();
        all.add(pauseImage());
        all.addAll(List.of(archives));
        return all;
    }

    /**
     * The newest {@code pause-3.6-*.tar} in {@code images/} of the scripts' cache (e2e/real/lib.sh:
     * {@code $DOLPHIN_CACHE}, by default {@code ~/.cache/dolphincluster}), where
     * e2e/real/pause-image.sh puts it.
     */
    public static Path pauseImage() {
        String root = System.getenv("DOLPHIN_CACHE");
        Path cache =
                (root == null || root.isBlank()
                                ? Path.of(
                                        System.getProperty("user.home"), ".cache", "dolphincluster")
                                : Path.of(root))
                        .resolve("images");
        try (Stream<Path> entries = Files.isDirectory(cache) ? Files.list(cache) : Stream.empty()) {
            return entries.filter(p -> p.getFileName().toString().matches("pause-3\\.6-.*\\.tar"))
                    .max(
                            (a, b) ->
                                    Long.compare(
                                            a.toFile().lastModified(), b.toFile().lastModified()))
                    .orElseThrow(
                            () ->
                                    new IllegalStateException(
                                            "no pause image in "
                                                    + cache
                                                    + "; "
                                                    + NodeBinaries.PREPARE_HINT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Which nodes (name to zone, in order) and images. Immutable; {@link #of} takes the nodes,
     * {@code with...} returns a copy. Defaults: Ready within 3 minutes, wait up to 20 minutes for
     * another run's machine lock, the JVM hosts file in the DNS stand-in's directory (null).
     */
    public record Options(
            Map<String, String> nodes,
            List<Path> images,
            Duration readyTimeout,
            Duration lockTimeout,
            Path jvmHostsFile) {

        public Options {
            if (nodes.isEmpty()) {
                throw new IllegalArgumentException("at least one node");
            }
            nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
            images = List.copyOf(images);
        }

        /**
         * {@code nodeZones} in iteration order: keep it ordered (LinkedHashMap, TreeMap, Map.of for
         * one).
         */
        public static Options of(Map<String, String> nodeZones, List<Path> images) {
            return new Options(
                    nodeZones, images, Duration.ofMinutes(3), Duration.ofMinutes(20), null);
        }

        public Options withReadyTimeout(Duration timeout) {
            return new Options(nodes, images, timeout, lockTimeout, jvmHostsFile);
        }

        public Options withLockTimeout(Duration timeout) {
            return new Options(nodes, images, readyTimeout, timeout, jvmHostsFile);
        }

        /**
         * Where {@link #jvmHostsFile()} is written (e.g. the file a test JVM was started with as
         * {@code -Djdk.net.hosts.file}); by default {@code dns/jvm-hosts} in {@link #dir()}.
         */
        public Options withJvmHostsFile(Path file) {
            return new Options(nodes, images, readyTimeout, lockTimeout, file);
        }
    }
}
