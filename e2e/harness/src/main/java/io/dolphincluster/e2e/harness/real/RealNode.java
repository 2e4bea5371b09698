package io.dolphincluster.e2e.harness.real;

import io.dolphincluster.e2e.harness.ChildProcess;
import io.dolphincluster.e2e.harness.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real node on this machine: its own containerd (root, state, socket, CRI config with the local
 * pause image as sandbox image, cgroupfs, its CNI conflist) and its own kubelet (root dir, cgroup
 * root, InternalIP = its bridge's address, zone label), registered with the control plane under a
 * ServiceAccount token bound to {@code system:node}.
 *
 * <p>Both processes share a mount namespace of the node's own (containerd is started in it by
 * {@code unshare}, the kubelet joins it with {@code nsenter}) in which {@code /var/log}, {@code
 * /var/lib/kubelet}, {@code /var/lib/cni} and {@code /run/containerd} are the node's directories,
 * so kubelets never clean up each other's pod logs or CNI results, and the kernel tunables a
 * kubelet insists on ({@code vm.overcommit_memory=1}, {@code kernel.panic=10}, ...) are files
 * holding the values it expects: the shared machine's kernel is not changed. The network namespace
 * is the machine's: all nodes share it (see {@link NodeNetwork}).
 *
 * <p>{@link #close} stops the kubelet, kills every container of the node (by task, then any process
 * left in the node's cgroups, by pid), stops containerd and any shim of its socket (by pid),
 * removes the cgroups and the unpacked images; logs stay in the node's directory.
 */
final class RealNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RealNode.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    /**
     * Mount points bound to node directories inside the node's mount namespace (they must exist on
     * the machine).
     */
    static final List<String> PRIVATE_DIRS =
            List.of("/var/log", "/var/lib/kubelet", "/var/lib/cni", "/run/containerd");

    /**
     * What kubelet 1.20 sets (or, protecting kernel defaults, requires) on the machine; faked per
     * node.
     */
    private static final Map<String, String> KERNEL_TUNABLES =
            Map.of(
                    "vm/overcommit_memory",
                    "1",
                    "vm/panic_on_oom",
                    "0",
                    "kernel/panic",
                    "10",
                    "kernel/panic_on_oops",
                    "1",
                    "kernel/keys/root_maxkeys",
                    "1000000",
                    "kernel/keys/root_maxbytes",
                    "25000000");

    private static final String SANDBOX_IMAGE = "registry.k8s.io/pause:3.6";

    private final String name;
    private final String zone;
    private final int index;
    private final Path dir;
    private final NodeBinaries binaries;
    private final NodeCgroups cgroups;
    private ChildProcess containerd;
    private ChildProcess kubelet;
    private Path kubeconfig;
    private String clusterDns;
    private int kubeletStarts;

    RealNode(String name, String zone, int index, Path dir, NodeBinaries binaries) {
        this.name = name;
        this.zone = zone;
        this.index = index;
        this.dir = dir;
        this.binaries = binaries;
        this.cgroups = new NodeCgroups(name);
    }

    String name() {
        return name;
    }

    String zone() {
        return zone;
    }

    String internalIp() {
        return NodeNetwork.gateway(index);
    }

    Path dir() {
        return dir;
    }

    Path socket() {
        return dir.resolve("containerd.sock");
    }

    /** Pod logs as the kubelet writes them ({@code pods/<ns>_<pod>_<uid>/<container>/<n>.log}). */
    Path podLogDir() {
        return dir.resolve("log/pods");
    }

    /** Starts containerd in the node's mount namespace and waits until it answers. */
    void startContainerd(Duration timeout) throws IOException {
        for (String sub : List.of("log", "kubelet", "cni", "run", "sysctl", "ipam", "containerd")) {
            Files.createDirectories(dir.resolve(sub));
        }
        NodeNetwork.writeConflist(dir.resolve("net.d"), index, dir.resolve("ipam"));
        Files.writeString(
                dir.resolve("containerd.toml"), containerdConfig(), StandardCharsets.UTF_8);
        StringBuilder script = new StringBuilder("set -e; n=\"$1\"; shift\n");
        script.append("mount --bind \"$n/log\" /var/log\n")
                .append("mount --bind \"$n/kubelet\" /var/lib/kubelet\n")
                .append("mount --bind \"$n/cni\" /var/lib/cni\n")
                .append("mount --bind \"$n/run\" /run/containerd\n");
        for (Map.Entry<String, String> tunable : KERNEL_TUNABLES.entrySet()) {
            Path fake = dir.resolve("sysctl").resolve(tunable.getKey().replace('/', '.'));
            Files.writeString(fake, tunable.getValue() + "\n", StandardCharsets.UTF_8);
            script.append("mount --bind \"$n/sysctl/")
                    .append(fake.getFileName())
                    .append("\" /proc/sys/")
                    .append(tunable.getKey())
                    .append('\n');
        }
        script.append("exec \"$@\"\n");
        List<String> command =
                List.of(
                        "unshare",
                        "--mount",
                        "--propagation",
                        "private",
                        "--",
                        "/bin/sh",
                        "-c",
                        script.toString(),
                        "node-mounts",
                        dir.toString(),
                        binaries.containerd().toString(),
                        "--config",
                        dir.resolve("containerd.toml").toString());
        containerd =
                ChildProcess.start(name + "/containerd", command, dir.resolve("containerd.log"));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!HostCommand.tryRun(
                binaries.ctr().toString(), "--address", socket().toString(), "version")) {
            if (!containerd.isAlive()) {
                throw new IllegalStateException(
                        "containerd of " + name + " did not start: " + containerd.exitReport());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "containerd of "
                                + name
                                + " does not answer on "
                                + socket()
                                + " after "
                                + timeout.toSeconds()
                                + " s:\n"
                                + containerd.logTail());
            }
            sleep(100);
        }
    }

    /**
     * {@code ctr -n k8s.io images import} of docker or OCI archives: the node's images, as if
     * pulled.
     */
    void importImages(List<Path> archives) {
        for (Path archive : archives) {
            HostCommand.run(
                    binaries.ctr().toString(),
                    "--address",
                    socket().toString(),
                    "-n",
                    "k8s.io",
                    "images",
                    "import",
                    archive.toString());
        }
    }

    /**
     * Starts the kubelet in the node's mount namespace; the Node appears in the API once it has
     * registered.
     */
    void startKubelet(Path kubeconfig, String clusterDns) throws IOException {
        this.kubeconfig = kubeconfig;
        this.clusterDns = clusterDns;
        cgroups.create();
        Path config = dir.resolve("kubelet-config.yaml");
        Files.writeString(config, kubeletConfig(clusterDns), StandardCharsets.UTF_8);
        List<String> command =
                List.of(
                        "nsenter",
                        "--target",
                        Long.toString(containerd.pid()),
                        "--mount",
                        "--",
                        binaries.kubelet().toString(),
                        "--config=" + config,
                        "--kubeconfig=" + kubeconfig,
                        "--container-runtime=remote",
                        "--container-runtime-endpoint=unix://" + socket(),
                        "--runtime-request-timeout=5m",
                        "--hostname-override=" + name,
                        "--node-ip=" + internalIp(),
                        "--node-labels=topology.kubernetes.io/zone=" + zone,
                        "--root-dir=/var/lib/kubelet",
                        "--cert-dir=/var/lib/kubelet/pki",
                        "--volume-plugin-dir=/var/lib/kubelet/volume-plugins",
                        "--v=2");
        Path log = dir.resolve("kubelet.log");
        if (kubeletStarts++ > 0 && Files.exists(log)) {
            Files.move(log, dir.resolve("kubelet." + (kubeletStarts - 1) + ".log"));
        }
        kubelet = ChildProcess.start(name + "/kubelet", command, log);
    }

    /**
     * The node dies as in a power cut: SIGKILL to its kubelet, then to every container (by task,
     * then any process left in the node's cgroups), until none is left or {@code timeout} passes.
     * containerd keeps running, as the state on a node's disk survives; nothing restarts the
     * containers until {@link #revive}. The Node object is left to the node-lifecycle controller.
     */
    void kill(Duration timeout) {
        if (kubelet == null) {
            throw new IllegalStateException("the kubelet of " + name + " never started");
        }
        kubelet.killNow();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            kubelet.awaitExit(timeout.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (kubelet.isAlive()) {
            throw new IllegalStateException("the kubelet of " + name + " survived SIGKILL");
        }
        String ctr = binaries.ctr().toString();
        for (String task : tasks()) {
            HostCommand.tryRun(
                    ctr,
                    "--address",
                    socket().toString(),
                    "-n",
                    "k8s.io",
                    "tasks",
                    "kill",
                    "--all",
                    "--signal",
                    "SIGKILL",
                    task);
        }
        List<Long> left = cgroups.processes();
        while (!left.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "processes of the killed node " + name + " still run: " + left);
            }
            for (long pid : left) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            sleep(100);
            left = cgroups.processes();
        }
        LOG.info("[real-nodes] {} killed: kubelet and every container", name);
    }

    /**
     * The node comes back as after a reboot: its kubelet starts again with the same configuration,
     * finds its pods' sandboxes dead and starts them again, with their volumes.
     */
    void revive() throws IOException {
        if (kubeletAlive()) {
            throw new IllegalStateException("the kubelet of " + name + " still runs");
        }
        startKubelet(kubeconfig, clusterDns);
    }

    boolean kubeletAlive() {
        return kubelet != null && kubelet.isAlive();
    }

    String kubeletLogTail() {
        return kubelet == null ? "(no kubelet)" : kubelet.logTail();
    }

    private String containerdConfig() {
        return """
                version = 2
                root = "%1$s/containerd/root"
                state = "%1$s/containerd/state"
                [grpc]
                  address = "%1$s/containerd.sock"
                [metrics]
                  address = ""
                [plugins]
                  [plugins."io.containerd.grpc.v1.cri"]
                    sandbox_image = "%2$s"
                    stream_server_address = "127.0.0.1"
                    stream_server_port = "0"
                    netns_mounts_under_state_dir = true
                    # Lowering oom_score_adj needs CAP_SYS_RESOURCE, which CI sandboxes may not grant
                    restrict_oom_score_adj = true
                    [plugins."io.containerd.grpc.v1.cri".containerd]
                      snapshotter = "overlayfs"
                      default_runtime_name = "runc"
                      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
                        runtime_type = "io.containerd.runc.v2"
                        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
                          SystemdCgroup = false
                          Root = "%1$s/runc"
                    [plugins."io.containerd.grpc.v1.cri".cni]
                      bin_dir = "%3$s"
                      conf_dir = "%1$s/net.d"
                      max_conf_num = 1
                  [plugins."io.containerd.internal.v1.opt"]
                    path = "%1$s/containerd/opt"
                """
                .formatted(dir, SANDBOX_IMAGE, binaries.cniDir());
    }

    private String kubeletConfig(String clusterDns) {
        return """
                apiVersion: kubelet.config.k8s.io/v1beta1
                kind: KubeletConfiguration
                address: %s
                port: 10250
                readOnlyPort: 0
                healthzPort: 0
                authentication:
                  anonymous: {enabled: true}
                  webhook: {enabled: false}
                authorization: {mode: AlwaysAllow}
                cgroupDriver: cgroupfs
                cgroupRoot: %s
                cgroupsPerQOS: true
                clusterDNS: [%s]
                clusterDomain: cluster.local
                resolvConf: ""
                failSwapOn: false
                makeIPTablesUtilChains: false
                protectKernelDefaults: true
                imageGCHighThresholdPercent: 100
                imageGCLowThresholdPercent: 99
                evictionHard: {memory.available: "100Mi", nodefs.available: "1%%", imagefs.available: "1%%", nodefs.inodesFree: "1%%"}
                maxPods: 30
                serializeImagePulls: false
                nodeStatusUpdateFrequency: 10s
                # default 1m: how often the kubelet re-syncs a pod, which is when it updates the
                # files of a changed Secret volume; 10s makes a certificate rotation reach the pods
                # in seconds (RealNodeLifecycleIT), for the test tier only
                syncFrequency: 10s
                """
                .formatted(internalIp(), cgroups.path(), clusterDns);
    }

    @Override
    public void close() {
        if (kubelet != null && !kubelet.stop(STOP_GRACE)) {
            LOG.warn("[real-nodes] kubelet of {} (pid {}) survived SIGKILL", name, kubelet.pid());
        }
        if (containerd != null && containerd.isAlive()) {
            killContainers();
        }
        for (long pid : cgroups.processes()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        if (containerd != null && !containerd.stop(STOP_GRACE)) {
            LOG.warn(
                    "[real-nodes] containerd of {} (pid {}) survived SIGKILL",
                    name,
                    containerd.pid());
        }
        killShims();
        for (int attempt = 0; attempt < 50 && !cgroups.remove(); attempt++) {
            sleep(100);
        }
        Directories.deleteTree(dir.resolve("containerd"));
    }

    /**
     * SIGKILL to every task (pods' containers and sandboxes), then their deletion: the shims exit.
     */
    private void killContainers() {
        String ctr = binaries.ctr().toString();
        String address = socket().toString();
        List<String> tasks = tasks();
        for (String task : tasks) {
            HostCommand.tryRun(
                    ctr,
                    "--address",
                    address,
                    "-n",
                    "k8s.io",
                    "tasks",
                    "kill",
                    "--all",
                    "--signal",
                    "SIGKILL",
                    task);
        }
        for (int attempt = 0; attempt < 20 && !tasks.isEmpty(); attempt++) {
            for (String task : tasks) {
                HostCommand.tryRun(
                        ctr, "--address", address, "-n", "k8s.io", "tasks", "delete", task);
            }
            tasks = tasks();
            if (!tasks.isEmpty()) {
                sleep(250);
            }
        }
        if (!tasks.isEmpty()) {
            LOG.warn("[real-nodes] tasks of {} not deleted: {}", name, tasks);
        }
    }

    private List<String> tasks() {
        List<String> ids = new ArrayList<>();
        try {
            for (String line :
                    HostCommand.run(
                                    binaries.ctr().toString(),
                                    "--address",
                                    socket().toString(),
                                    "-n",
                                    "k8s.io",
                                    "tasks",
                                    "ls",
                                    "-q")
                            .split("\n")) {
                if (!line.isBlank()) {
                    ids.add(line.strip());
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("[real-nodes] cannot list the tasks of {}: {}", name, e.toString());
        }
        return ids;
    }

    /**
     * containerd-shim-runc-v2 processes serving this node's socket (found by their command line),
     * by pid.
     */
    private void killShims() {
        String marker = "-address\0" + socket() + "\0";
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc :
                    procs.filter(
                                    p ->
                                            p.getFileName()
                                                    .toString()
                                                    .chars()
                                                    .allMatch(Character::isDigit))
                            .toList()) {
                try {
                    String cmdline =
                            Files.readString(proc.resolve("cmdline"), StandardCharsets.ISO_8859_1);
                    if (cmdline.contains("containerd-shim") && cmdline.contains(marker)) {
                        long pid = Long.parseLong(proc.getFileName().toString());
                        LOG.info("[real-nodes] killing shim pid {} of {}", pid, name);
                        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    }
                } catch (IOException | UncheckedIOException e) {
                    // The process exited meanwhile.
                }
            }
        } catch (IOException e) {
            LOG.warn("[real-nodes] cannot list /proc: {}", e.toString());
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
