package io.dolphincluster.runtime.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dolphincluster.runtime.testkit.FreePorts;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A real 3-member etcd cluster run as child processes of this JVM, on free loopback ports.
 *
 * <p>Guarantees: {@link #start} returns only once every member answers {@code GET /health} with
 * {@code {"health":"true"}}; if that does not happen before its deadline, or a member exits first,
 * it stops whatever it started and throws with the member's log tail. Each member has its own data
 * directory and log file ({@code <baseDir>/<name>/data}, {@code <baseDir>/<name>/etcd.log}), the
 * cluster has a fresh token, and etcd runs with its default durability (every commit fsynced; no
 * {@code --unsafe-no-fsync}). {@link #close} stops every process it started, one at a time, and
 * returns only once they have exited: SIGTERM, then SIGKILL if a member is still alive after a
 * grace period; it throws if any process survives even that. A JVM shutdown hook kills the members
 * too if the JVM exits without {@code close}.
 */
public final class EtcdCluster implements AutoCloseable {

    /** Members in the cluster; etcd's quorum is then 2. */
    public static final int MEMBERS = 3;

    private static final Path DEFAULT_BINARY = Path.of("/usr/bin/etcd");
    private static final Duration HEALTH_POLL_INTERVAL = Duration.ofMillis(50);
    private static final Duration HEALTH_REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 15;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Member> members;
    private final Path binary;
    private final String initialCluster;
    private final String token;

    /** One slot per member, in member order; {@link #restart} replaces a member's slot. */
    private final List<Process> processes = new ArrayList<>();

    private final HttpClient healthClient =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(HEALTH_REQUEST_TIMEOUT)
                    .build();
    private final Thread killOnExit = new Thread(this::killAllNow, "etcd-cluster-kill-on-exit");
    private final AtomicBoolean closed = new AtomicBoolean();

    private EtcdCluster(List<Member> members, Path binary, String initialCluster, String token) {
        this.members = members;
        this.binary = binary;
        this.initialCluster = initialCluster;
        this.token = token;
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts the cluster with its member directories under {@code baseDir} and waits until every
     * member is healthy.
     *
     * @throws IllegalStateException if the etcd binary is missing, a member exits early, or the
     *     cluster is not healthy within {@code startupTimeout}; nothing is left running then
     */
    public static EtcdCluster start(Path baseDir, Duration startupTimeout) throws IOException {
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        Path binary = locateBinary();
        List<Integer> ports = FreePorts.ports(2 * MEMBERS);
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            String name = "etcd" + i;
            Path dir = Files.createDirectories(baseDir.resolve(name));
            members.add(
                    new Member(
                            name,
                            URI.create("http://127.0.0.1:" + ports.get(2 * i)),
                            URI.create("http://127.0.0.1:" + ports.get(2 * i + 1)),
                            dir.resolve("data"),
                            dir.resolve("etcd.log")));
        }
        String initialCluster =
                members.stream()
                        .map(m -> m.name() + "=" + m.peerUrl())
                        .collect(Collectors.joining(","));
        String token = "dolphin-bench-" + UUID.randomUUID();

        EtcdCluster cluster = new EtcdCluster(List.copyOf(members), binary, initialCluster, token);
        try {
            for (Member member : members) {
                cluster.launch(member, -1);
            }
            cluster.awaitHealthy(deadline, members);
            return cluster;
        } catch (RuntimeException | IOException e) {
            try {
                cluster.close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    /** Client URLs of the members, in member order, e.g. {@code http://127.0.0.1:41234}. */
    public List<URI> clientUrls() {
        return members.stream().map(Member::clientUrl).toList();
    }

    /** Process ids of the members started, in member order. */
    public List<Long> pids() {
        synchronized (processes) {
            return processes.stream().map(Process::pid).toList();
        }
    }

    /** Each member's log file, in member order. */
    public List<Path> logFiles() {
        return members.stream().map(Member::logFile).toList();
    }

    /** The index, in member order, of the member that reports itself as leader now. */
    public int leaderIndex() {
        return clientUrls().indexOf(EtcdKvTarget.findLeader(clientUrls()));
    }

    /** SIGKILL to member {@code index}, returning once it has exited. */
    public void kill(int index) throws InterruptedException {
        Process process;
        synchronized (processes) {
            process = processes.get(index);
        }
        process.destroyForcibly().waitFor(KILL_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        if (process.isAlive()) {
            throw new IllegalStateException(
                    "etcd member " + members.get(index).name() + " survived SIGKILL");
        }
    }

    /**
     * Starts a killed member again on its data directory and waits until it answers healthy (it has
     * then rejoined the cluster: etcd's health needs a leader).
     */
    public void restart(int index, Duration timeout) throws IOException {
        Member member = members.get(index);
        launch(member, index);
        awaitHealthy(System.nanoTime() + timeout.toNanos(), List.of(member));
    }

    /** Stops every member started and waits for each to exit; safe to call more than once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Process> started;
        synchronized (processes) {
            started = List.copyOf(processes);
        }
        // One member at a time: a leader sent SIGTERM hands leadership to a connected follower
        // first, and if that follower is shutting down too the leader waits ~7 s for a transfer
        // that cannot happen. Stopped in turn, each member exits within milliseconds.
        boolean interrupted = false;
        for (Process process : started) {
            if (interrupted) {
                process.destroyForcibly();
            } else {
                interrupted = stop(process);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        List<Long> survivors = started.stream().filter(Process::isAlive).map(Process::pid).toList();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to; it kills whatever is left.
        }
        if (!survivors.isEmpty()) {
            throw new IllegalStateException(
                    "etcd processes still alive after SIGKILL: " + survivors);
        }
    }

    /** SIGTERM, then SIGKILL after the grace period; true if interrupted while waiting. */
    private static boolean stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toNanos(), TimeUnit.NANOSECONDS)) {
                process.destroyForcibly().waitFor(KILL_WAIT.toNanos(), TimeUnit.NANOSECONDS);
            }
            return false;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            return true;
        }
    }

    /** Starts a member's process, appended ({@code slot < 0}) or in place of slot {@code slot}. */
    private void launch(Member member, int slot) throws IOException {
        List<String> command =
                List.of(
                        binary.toString(),
                        "--name",
                        member.name(),
                        "--data-dir",
                        member.dataDir().toString(),
                        "--listen-client-urls",
                        member.clientUrl().toString(),
                        "--advertise-client-urls",
                        member.clientUrl().toString(),
                        "--listen-peer-urls",
                        member.peerUrl().toString(),
                        "--initial-advertise-peer-urls",
                        member.peerUrl().toString(),
                        "--initial-cluster",
                        initialCluster,
                        "--initial-cluster-token",
                        token,
                        "--initial-cluster-state",
                        "new",
                        "--logger",
                        "zap",
                        "--log-outputs",
                        "stderr");
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(member.logFile().toFile()))
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // etcd reads ETCD_* variables as flags and refuses to start if one shadows a flag we pass.
        builder.environment().keySet().removeIf(name -> name.startsWith("ETCD_"));
        synchronized (processes) {
            if (closed.get()) {
                throw new IllegalStateException("cluster already closed");
            }
            if (slot < 0) {
                processes.add(builder.start());
            } else {
                processes.set(slot, builder.start());
            }
        }
    }

    private void awaitHealthy(long deadlineNanos, List<Member> awaited) {
        Map<Member, String> lastAnswer = new LinkedHashMap<>();
        awaited.forEach(m -> lastAnswer.put(m, "not asked yet"));
        List<Process> started;
        synchronized (processes) {
            started = awaited.stream().map(m -> processes.get(members.indexOf(m))).toList();
        }
        CompletableFuture<?> anyExit =
                CompletableFuture.anyOf(
                        started.stream().map(Process::onExit).toArray(CompletableFuture[]::new));
        while (true) {
            for (int i = 0; i < awaited.size(); i++) {
                Member member = awaited.get(i);
                Process process = started.get(i);
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "etcd member "
                                    + member.name()
                                    + " exited with code "
                                    + process.exitValue()
                                    + " before the cluster was healthy; log tail:\n"
                                    + logTail(member));
                }
                if (!"healthy".equals(lastAnswer.get(member))) {
                    lastAnswer.put(member, askHealth(member, deadlineNanos));
                }
            }
            if (lastAnswer.values().stream().allMatch("healthy"::equals)) {
                return;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                StringBuilder message = new StringBuilder("etcd cluster not healthy in time:");
                lastAnswer.forEach(
                        (m, answer) ->
                                message.append("\n  ")
                                        .append(m.name())
                                        .append(": ")
                                        .append(answer));
                Member firstSick =
                        lastAnswer.entrySet().stream()
                                .filter(e -> !"healthy".equals(e.getValue()))
                                .findFirst()
                                .orElseThrow()
                                .getKey();
                message.append("\nlog tail of ")
                        .append(firstSick.name())
                        .append(":\n")
                        .append(logTail(firstSick));
                throw new IllegalStateException(message.toString());
            }
            awaitExitOrTimeout(anyExit, Math.min(left, HEALTH_POLL_INTERVAL.toNanos()));
        }
    }

    /** Pauses between health polls, waking at once if a member exits. */
    private static void awaitExitOrTimeout(CompletableFuture<?> anyExit, long nanos) {
        try {
            anyExit.get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException expected) {
            // No member exited during the pause: poll again.
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot watch etcd processes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while waiting for etcd to become healthy", e);
        }
    }

    /** {@code "healthy"}, or a description of why the member is not healthy yet. */
    private String askHealth(Member member, long deadlineNanos) {
        long left = Math.max(TimeUnit.MILLISECONDS.toNanos(1), deadlineNanos - System.nanoTime());
        HttpRequest request =
                HttpRequest.newBuilder(member.clientUrl().resolve("/health"))
                        .timeout(Duration.ofNanos(Math.min(left, HEALTH_REQUEST_TIMEOUT.toNanos())))
                        .GET()
                        .build();
        try {
            HttpResponse<String> response =
                    healthClient.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                JsonNode body = JSON.readTree(response.body());
                if ("true".equals(body.path("health").asText())) {
                    return "healthy";
                }
            }
            return "answered " + response.statusCode() + ": " + response.body();
        } catch (IOException e) {
            return "unreachable: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while asking " + member.name() + " for health", e);
        }
    }

    private void killAllNow() {
        synchronized (processes) {
            processes.forEach(Process::destroyForcibly);
        }
    }

    private static String logTail(Member member) {
        try {
            List<String> lines = Files.readAllLines(member.logFile(), StandardCharsets.UTF_8);
            return String.join(
                    "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + member.logFile() + ": " + e + ")";
        }
    }

    /** {@code /usr/bin/etcd} or the first {@code etcd} on PATH. */
    static Path locateBinary() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "etcd");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        if (Files.isExecutable(DEFAULT_BINARY)) {
            return DEFAULT_BINARY;
        }
        throw new IllegalStateException(
                "etcd binary not found on PATH nor at "
                        + DEFAULT_BINARY
                        + "; install it with: apt-get install -y etcd-server");
    }

    private record Member(String name, URI clientUrl, URI peerUrl, Path dataDir, Path logFile) {}
}
