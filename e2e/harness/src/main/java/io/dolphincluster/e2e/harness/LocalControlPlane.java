package io.dolphincluster.e2e.harness;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kubernetes 1.20 control plane for tests: etcd, kube-apiserver and, if asked,
 * kube-controller-manager and kube-scheduler, each a child process of this JVM on free loopback
 * ports, all files in one fresh directory (see docs/local-kubernetes.md). There is no kubelet: see
 * {@link SimulatedNodes}.
 *
 * <p>Guarantees: {@link #start} returns only once every component started is ready (etcd answers
 * {@code /health}, the API server {@code /readyz}, the controller-manager and scheduler {@code
 * /healthz}, and with the controller-manager the {@code default} ServiceAccount has its token, so
 * pods can be created). If that fails, or takes longer than the startup timeout, it stops whatever
 * it started, keeps the directory, and throws with the failing component's log tail. {@link #close}
 * stops every process it started, by pid, newest first (SIGTERM, SIGKILL after the grace period),
 * waits for each to exit, and deletes the directory unless {@link #keepFilesOnClose} was called; it
 * throws if a process survives. A JVM shutdown hook kills the processes if the JVM exits without
 * {@code close}.
 */
public final class LocalControlPlane implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalControlPlane.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final int MAX_PORT_ATTEMPTS = 3;
    private static final String ADDRESS_IN_USE = "address already in use";

    private final Options options;
    private final PlaneLayout layout;
    private final HealthProbe probe;
    private final List<ChildProcess> processes = new ArrayList<>();
    private final Thread killOnExit =
            new Thread(this::killAllNow, "local-control-plane-kill-on-exit");
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean keepFiles;
    private volatile KubernetesClient client;

    private LocalControlPlane(Options options, PlaneLayout layout) {
        this.options = options;
        this.layout = layout;
        this.probe = new HealthProbe(layout.adminToken());
        this.keepFiles = options.keepFiles();
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts a control plane as {@code options} say and waits until it is ready.
     *
     * @throws IllegalStateException if a binary is missing (the message says to run {@code
     *     e2e/scripts/install-kube.sh}), a component exits, or the plane is not ready in time;
     *     nothing is left running then
     */
    public static LocalControlPlane start(Options options) {
        Objects.requireNonNull(options, "options");
        KubeBinaries binaries = KubeBinaries.locate();
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(options, binaries);
            } catch (PortTakenException e) {
                // Ports are chosen free but only bound seconds later; another process may take one
                // meanwhile.
                if (attempt >= MAX_PORT_ATTEMPTS) {
                    throw e;
                }
                LOG.warn(
                        "[kube] {} lost its port to another process; starting again on other ports",
                        e.component());
            }
        }
    }

    private static LocalControlPlane startOnce(Options options, KubeBinaries binaries) {
        long deadline = System.nanoTime() + options.startupTimeout().toNanos();
        LocalControlPlane plane;
        try {
            Files.createDirectories(options.parentDir());
            Path dir = Files.createTempDirectory(options.parentDir(), "dolphin-kube-");
            plane = new LocalControlPlane(options, PlaneLayout.create(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot prepare the control plane's directory under " + options.parentDir(), e);
        }
        try {
            plane.startComponents(new ComponentCommands(binaries, plane.layout, options), deadline);
            return plane;
        } catch (RuntimeException e) {
            if (!(e instanceof PortTakenException)) {
                plane.keepFilesOnClose();
            }
            try {
                plane.close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    /** Starts a control plane with every component ({@link Options#defaults()}). */
    public static LocalControlPlane start() {
        return start(Options.defaults());
    }

    /** {@code https://127.0.0.1:<port>} of the API server. */
    public String serverUrl() {
        return layout.apiServerUrl().toString();
    }

    /**
     * A kubeconfig file for the admin user (skips TLS verification, bearer token); works with
     * kubectl.
     */
    public Path kubeconfig() {
        return layout.kubeconfig();
    }

    /** The admin user's bearer token (member of {@code system:masters}). */
    public String adminToken() {
        return layout.adminToken();
    }

    /**
     * The plane's own client, authenticated as the admin user, namespace {@code default}; closed by
     * {@link #close}.
     */
    public KubernetesClient client() {
        KubernetesClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    requireOpen();
                    client = newClient();
                }
                current = client;
            }
        }
        return current;
    }

    /** A new client like {@link #client()} that the caller owns and must close. */
    public KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(clientConfig()).build();
    }

    /**
     * Fabric8 configuration for the admin user, ignoring any kubeconfig or environment of this
     * machine.
     */
    public Config clientConfig() {
        return new ConfigBuilder(Config.empty())
                .withAutoConfigure(false)
                .withMasterUrl(serverUrl())
                .withOauthToken(layout.adminToken())
                .withTrustCerts(true)
                .withDisableHostnameVerification(true)
                .withNamespace("default")
                .build();
    }

    /** etcd's client URL, {@code http://127.0.0.1:<port>}. */
    public URI etcdUrl() {
        return layout.etcdClientUrl();
    }

    /**
     * The plane's directory: logs, etcd data, keys, kubeconfig. Deleted by {@link #close} unless
     * kept.
     */
    public Path dir() {
        return layout.dir();
    }

    /** One log file per component here: {@code etcd.log}, {@code kube-apiserver.log}, ... */
    public Path logDir() {
        return layout.logDir();
    }

    /** The pid of every process started, by component name, in start order. */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        synchronized (processes) {
            processes.forEach(p -> pids.put(p.name(), p.pid()));
        }
        return pids;
    }

    /**
     * Makes {@link #close} keep the directory (logs, etcd data) for a post-mortem, e.g. after a
     * failed test.
     */
    public void keepFilesOnClose() {
        keepFiles = true;
    }

    /** Whether {@link #close} will keep the directory. */
    public boolean keepsFilesOnClose() {
        return keepFiles;
    }

    /** Stops every process started and waits for each to exit; safe to call more than once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        KubernetesClient current = client;
        if (current != null) {
            current.close();
        }
        List<ChildProcess> started;
        synchronized (processes) {
            started = new ArrayList<>(processes);
        }
        // Newest first: nothing is left talking to an API server or etcd that is already gone.
        List<String> survivors = new ArrayList<>();
        for (int i = started.size() - 1; i >= 0; i--) {
            ChildProcess process = started.get(i);
            if (!process.stop(options.stopGrace())) {
                survivors.add(process.name() + " (pid " + process.pid() + ")");
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to; it kills whatever is left.
        }
        if (keepFiles || !survivors.isEmpty()) {
            LOG.info("[kube] control plane stopped; files kept in {}", layout.dir());
        } else {
            deleteRecursively(layout.dir());
            LOG.info("[kube] control plane stopped; {} deleted", layout.dir());
        }
        if (!survivors.isEmpty()) {
            throw new IllegalStateException(
                    "control-plane processes still alive after SIGKILL: " + survivors);
        }
    }

    private void startComponents(ComponentCommands commands, long deadline) {
        ChildProcess etcd = launch("etcd", commands.etcd());
        awaitHealthy(etcd, layout.etcdClientUrl().resolve("/health"), deadline);
        ChildProcess apiServer = launch("kube-apiserver", commands.apiServer());
        awaitHealthy(apiServer, layout.apiServerUrl().resolve("/readyz"), deadline);
        // /readyz can pass a moment before the API server's own bootstrap has created the default
        // namespace
        awaitCondition(apiServer, "the default namespace", this::defaultNamespaceProblem, deadline);
        if (options.controllerManager()) {
            ChildProcess controllerManager =
                    launch("kube-controller-manager", commands.controllerManager());
            awaitHealthy(
                    controllerManager, layout.controllerManagerUrl().resolve("/healthz"), deadline);
            awaitCondition(
                    controllerManager,
                    "the default ServiceAccount to get its token",
                    this::defaultServiceAccountProblem,
                    deadline);
        }
        if (options.scheduler()) {
            ChildProcess scheduler = launch("kube-scheduler", commands.scheduler());
            awaitHealthy(scheduler, layout.schedulerUrl().resolve("/healthz"), deadline);
        }
        LOG.info(
                "[kube] control plane ready at {} (components {}), kubeconfig {}",
                serverUrl(),
                pids().keySet(),
                kubeconfig());
    }

    private ChildProcess launch(String name, List<String> command) {
        synchronized (processes) {
            requireOpen();
            try {
                ChildProcess process = ChildProcess.start(name, command, layout.logFile(name));
                processes.add(process);
                return process;
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot start " + name + " (" + command.get(0) + ")", e);
            }
        }
    }

    private void awaitHealthy(ChildProcess process, URI endpoint, long deadline) {
        awaitCondition(
                process,
                endpoint.getPath() + " of " + endpoint.getAuthority(),
                () -> {
                    HealthProbe.Answer answer = probe.ask(endpoint);
                    return answer.ready() ? null : answer.detail();
                },
                deadline);
        LOG.info("[{}] ready ({})", process.name(), endpoint);
    }

    /**
     * Polls {@code problem} (null once the condition holds, else why not) until it holds, the
     * process exits, or the deadline passes.
     */
    private void awaitCondition(
            ChildProcess process, String what, Supplier<String> problem, long deadline) {
        while (true) {
            if (!process.isAlive()) {
                String report = process.exitReport();
                if (report.contains(ADDRESS_IN_USE)) {
                    throw new PortTakenException(process.name(), report);
                }
                throw new IllegalStateException(
                        "control plane did not start: "
                                + report
                                + "\n(files kept in "
                                + layout.dir()
                                + ")");
            }
            String why = problem.get();
            if (why == null) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException(
                        "control plane not ready within "
                                + options.startupTimeout()
                                + ": "
                                + process.name()
                                + " still waiting for "
                                + what
                                + "; last answer: "
                                + why
                                + "\nlast lines of "
                                + process.logFile()
                                + ":\n"
                                + process.logTail()
                                + "\n(files kept in "
                                + layout.dir()
                                + ")");
            }
            pauseUnlessExited(process, Math.min(left, POLL_INTERVAL.toNanos()));
        }
    }

    private static void pauseUnlessExited(ChildProcess process, long nanos) {
        try {
            process.awaitExit(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the control plane was starting", e);
        }
    }

    /** Null once namespace {@code default} exists, else why not. */
    private String defaultNamespaceProblem() {
        try {
            return client().namespaces().withName("default").get() == null
                    ? "no namespace default yet"
                    : null;
        } catch (KubernetesClientException e) {
            return "API error: " + e.getMessage();
        }
    }

    /**
     * Null once ServiceAccount default/default has a token Secret (pods need it in 1.20), else why
     * not.
     */
    private String defaultServiceAccountProblem() {
        try {
            ServiceAccount account =
                    client().serviceAccounts().inNamespace("default").withName("default").get();
            if (account == null) {
                return "no ServiceAccount default/default yet";
            }
            return account.getSecrets() == null || account.getSecrets().isEmpty()
                    ? "ServiceAccount default/default has no token Secret yet"
                    : null;
        } catch (KubernetesClientException e) {
            return "API error: " + e.getMessage();
        }
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("control plane already closed");
        }
    }

    private void killAllNow() {
        synchronized (processes) {
            processes.forEach(ChildProcess::killNow);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("[kube] cannot delete {}: {}", dir, e.toString());
        }
    }

    /** A component exited because a port chosen for it was bound by someone else first. */
    private static final class PortTakenException extends IllegalStateException {

        private final String component;

        PortTakenException(String component, String report) {
            super("control plane did not start, a port was taken: " + report);
            this.component = component;
        }

        String component() {
            return component;
        }
    }

    /**
     * What to start and where. Immutable; each {@code with...} returns a copy. {@link #defaults()}
     * starts every component (controller-manager and scheduler included), under {@code
     * java.io.tmpdir}, with a two-minute startup deadline and a ten-second stop grace per process.
     * The system property {@code dolphin.kube.keep=true} keeps every plane's directory after close.
     */
    public static final class Options {

        private final boolean controllerManager;
        private final boolean scheduler;
        private final String controllers;
        private final String apiServerBindAddress;
        private final Path parentDir;
        private final Duration startupTimeout;
        private final Duration stopGrace;
        private final boolean keepFiles;

        private Options(
                boolean controllerManager,
                boolean scheduler,
                String controllers,
                String apiServerBindAddress,
                Path parentDir,
                Duration startupTimeout,
                Duration stopGrace,
                boolean keepFiles) {
            this.controllerManager = controllerManager;
            this.scheduler = scheduler;
            this.controllers = Objects.requireNonNull(controllers, "controllers");
            this.apiServerBindAddress =
                    Objects.requireNonNull(apiServerBindAddress, "apiServerBindAddress");
            this.parentDir = Objects.requireNonNull(parentDir, "parentDir");
            this.startupTimeout = requirePositive(startupTimeout, "startupTimeout");
            this.stopGrace = requirePositive(stopGrace, "stopGrace");
            this.keepFiles = keepFiles;
        }

        /** Every component: etcd, kube-apiserver, kube-controller-manager, kube-scheduler. */
        public static Options defaults() {
            return new Options(
                    true,
                    true,
                    ComponentCommands.CONTROLLERS,
                    "127.0.0.1",
                    Path.of(System.getProperty("java.io.tmpdir")),
                    Duration.ofMinutes(2),
                    Duration.ofSeconds(10),
                    Boolean.getBoolean("dolphin.kube.keep"));
        }

        /**
         * etcd and kube-apiserver only: objects are stored and validated, but no controller acts on
         * them.
         */
        public static Options apiServerOnly() {
            return defaults().withControllerManager(false).withScheduler(false);
        }

        public Options withControllerManager(boolean start) {
            return new Options(
                    start,
                    scheduler,
                    controllers,
                    apiServerBindAddress,
                    parentDir,
                    startupTimeout,
                    stopGrace,
                    keepFiles);
        }

        public Options withScheduler(boolean start) {
            return new Options(
                    controllerManager,
                    start,
                    controllers,
                    apiServerBindAddress,
                    parentDir,
                    startupTimeout,
                    stopGrace,
                    keepFiles);
        }

        /**
         * The controller-manager's {@code --controllers}. The default, {@code
         * *,-nodeipam,-nodelifecycle}, suits simulated nodes; real kubelets ({@code
         * real.RealNodes}) want the node-lifecycle controller too, which lifts the {@code
         * not-ready} taint from a Node whose kubelet reports Ready and marks a silent one NotReady.
         */
        public Options withControllers(String controllerList) {
            return new Options(
                    controllerManager,
                    scheduler,
                    controllerList,
                    apiServerBindAddress,
                    parentDir,
                    startupTimeout,
                    stopGrace,
                    keepFiles);
        }

        /**
         * The API server's {@code --bind-address}; {@code 127.0.0.1} by default. {@code 0.0.0.0}
         * lets pods of real nodes reach it through the {@code kubernetes} Service (its endpoint is
         * the machine's own address).
         */
        public Options withApiServerBindAddress(String address) {
            return new Options(
                    controllerManager,
                    scheduler,
                    controllers,
                    address,
                    parentDir,
                    startupTimeout,
                    stopGrace,
                    keepFiles);
        }

        /** The plane makes its own fresh directory under this one. */
        public Options withParentDir(Path dir) {
            return new Options(
                    controllerManager,
                    scheduler,
                    controllers,
                    apiServerBindAddress,
                    dir,
                    startupTimeout,
                    stopGrace,
                    keepFiles);
        }

        public Options withStartupTimeout(Duration timeout) {
            return new Options(
                    controllerManager,
                    scheduler,
                    controllers,
                    apiServerBindAddress,
                    parentDir,
                    timeout,
                    stopGrace,
                    keepFiles);
        }

        /** How long each process gets between SIGTERM and SIGKILL. */
        public Options withStopGrace(Duration grace) {
            return new Options(
                    controllerManager,
                    scheduler,
                    controllers,
                    apiServerBindAddress,
                    parentDir,
                    startupTimeout,
                    grace,
                    keepFiles);
        }

        /** Keep the directory after close even when nothing failed. */
        public Options withKeepFiles(boolean keep) {
            return new Options(
                    controllerManager,
                    scheduler,
                    controllers,
                    apiServerBindAddress,
                    parentDir,
                    startupTimeout,
                    stopGrace,
                    keep);
        }

        public boolean controllerManager() {
            return controllerManager;
        }

        public boolean scheduler() {
            return scheduler;
        }

        public String controllers() {
            return controllers;
        }

        public String apiServerBindAddress() {
            return apiServerBindAddress;
        }

        public Path parentDir() {
            return parentDir;
        }

        public Duration startupTimeout() {
            return startupTimeout;
        }

        public Duration stopGrace() {
            return stopGrace;
        }

        public boolean keepFiles() {
            return keepFiles;
        }

        private static Duration requirePositive(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + duration);
            }
            return duration;
        }

        @Override
        public String toString() {
            return "Options[controllerManager="
                    + controllerManager
                    + ", scheduler="
                    + scheduler
                    + ", controllers="
                    + controllers
                    + ", apiServerBindAddress="
                    + apiServerBindAddress
                    + ", parentDir="
                    + parentDir
                    + ", startupTimeout="
                    + startupTimeout
                    + ", stopGrace="
                    + stopGrace
                    + ", keepFiles="
                    + keepFiles
                    + "]";
        }
    }
}
