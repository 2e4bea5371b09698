package io.dolphincluster.e2e.harness.kubelet;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pod's container run as a local process: started from its {@link PodLaunch}, restarted per the
 * restart policy with a capped back-off, probed (readiness and liveness, HTTP or HTTPS GET to the
 * pod address), and described as a {@link PodStatus}. Every method is called from the kubelet's
 * single sync thread, except {@link #probe} (the probe thread) which only changes the probe
 * counters and readiness.
 */
final class PodWorker {
    private static final Logger LOG = LoggerFactory.getLogger(PodWorker.class);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * For {@code scheme: HTTPS} probes: like the kubelet, any certificate is accepted (a probe asks
     * whether the process answers, not who it is).
     */
    private static final HttpClient HTTPS =
            HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .sslContext(ProbeTls.anyCertificate())
                    .build();

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    final String namespace;
    final String name;
    final String uid;
    final String node;
    final String ip;
    private final Pod pod;
    private final PodLaunch launch;
    private final Path logFile;
    private final String image;

    private Process process;
    private Instant startedAt;
    private Instant podStartTime = Instant.now();
    private int restartCount;
    private Integer lastExitCode;
    private Instant nextStartAt = Instant.EPOCH;
    private Duration backoff = Duration.ofSeconds(1);
    private volatile boolean ready;
    private volatile int readinessFailures;
    private volatile int livenessFailures;
    private volatile boolean livenessKill;
    private volatile Instant lastReadinessProbe = Instant.EPOCH;
    private volatile Instant lastLivenessProbe = Instant.EPOCH;
    private boolean terminal;

    PodWorker(Pod pod, String ip, PodLaunch launch, Path podDir, int restartCount) {
        this.pod = pod;
        this.namespace = pod.getMetadata().getNamespace();
        this.name = pod.getMetadata().getName();
        this.uid = pod.getMetadata().getUid();
        this.node = pod.getSpec().getNodeName();
        this.ip = ip;
        this.launch = launch;
        this.logFile = podDir.resolve(pod.getSpec().getContainers().get(0).getName() + ".log");
        this.image = pod.getSpec().getContainers().get(0).getImage();
        this.restartCount = restartCount;
    }

    String alias() {
        return namespace + "/" + name;
    }

    Path logFile() {
        return logFile;
    }

    Long pid() {
        Process p = process;
        return p != null && p.isAlive() ? p.pid() : null;
    }

    boolean isReady() {
        return ready;
    }

    /**
     * Starts the process if it is not running and the back-off allows; true if the status changed.
     */
    boolean ensureRunning() throws IOException {
        if (terminal) {
            return false;
        }
        if (process != null && process.isAlive() && !livenessKill) {
            return false;
        }
        if (process != null) {
            if (livenessKill && process.isAlive()) {
                LOG.info(
                        "[{}] liveness probe failed {} times: restarting",
                        alias(),
                        livenessFailures);
                killTree(Duration.ofSeconds(gracePeriod()));
            }
            livenessKill = false;
            lastExitCode = process.exitValue();
            process = null;
            ready = false;
            String policy = pod.getSpec().getRestartPolicy();
            if ("Never".equals(policy) || ("OnFailure".equals(policy) && lastExitCode == 0)) {
                terminal = true;
                LOG.info(
                        "[{}] exited with {}; restart policy {}: not restarted",
                        alias(),
                        lastExitCode,
                        policy);
                return true;
            }
            restartCount++;
            nextStartAt = Instant.now().plus(backoff);
            LOG.info(
                    "[{}] exited with {}; restart {} in {} ms",
                    alias(),
                    lastExitCode,
                    restartCount,
                    backoff.toMillis());
            backoff =
                    backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                            ? MAX_BACKOFF
                            : backoff.multipliedBy(2);
            return true;
        }
        if (Instant.now().isBefore(nextStartAt)) {
            return false;
        }
        Files.createDirectories(launch.workingDir);
        ProcessBuilder builder =
                new ProcessBuilder(launch.command)
                        .directory(launch.workingDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.keySet()
                .removeIf(
                        key ->
                                !List.of("PATH", "HOME", "LANG", "JAVA_HOME", "TMPDIR")
                                        .contains(key));
        env.putAll(launch.env);
        process = builder.start();
        startedAt = Instant.now();
        readinessFailures = 0;
        livenessFailures = 0;
        LOG.info(
                "[{}] started on node {} at {}, pid {}, log {}",
                alias(),
                node,
                ip,
                process.pid(),
                logFile);
        return true;
    }

    /** Runs the probes that are due; true if readiness changed. Called from the probe thread. */
    boolean probe() {
        Process running = process;
        if (running == null || !running.isAlive() || terminal) {
            boolean changed = ready;
            ready = false;
            return changed;
        }
        var container = pod.getSpec().getContainers().get(0);
        boolean changed = false;
        Probe readiness = container.getReadinessProbe();
        if (readiness == null) {
            changed = !ready;
            ready = true;
        } else if (due(readiness, lastReadinessProbe, !ready)) {
            lastReadinessProbe = Instant.now();
            boolean ok = httpOk(readiness);
            readinessFailures = ok ? 0 : readinessFailures + 1;
            boolean nowReady = ok || (ready && readinessFailures < threshold(readiness));
            changed = nowReady != ready;
            ready = nowReady;
        }
        Probe liveness = container.getLivenessProbe();
        if (liveness != null && due(liveness, lastLivenessProbe, false)) {
            lastLivenessProbe = Instant.now();
            livenessFailures = httpOk(liveness) ? 0 : livenessFailures + 1;
            if (livenessFailures >= threshold(liveness)) {
                livenessKill = true;
            }
        }
        return changed;
    }

    /**
     * @param eager probe every second whatever the period (readiness while not ready, so start-up
     *     is not slowed by it)
     */
    private boolean due(Probe probe, Instant last, boolean eager) {
        int delay = probe.getInitialDelaySeconds() == null ? 0 : probe.getInitialDelaySeconds();
        int period = probe.getPeriodSeconds() == null ? 10 : probe.getPeriodSeconds();
        int effective = eager ? Math.min(period, 1) : period;
        return startedAt != null
                && Instant.now().isAfter(startedAt.plusSeconds(delay))
                && Instant.now().isAfter(last.plusSeconds(effective));
    }

    private static int threshold(Probe probe) {
        return probe.getFailureThreshold() == null ? 3 : probe.getFailureThreshold();
    }

    private boolean httpOk(Probe probe) {
        if (probe.getHttpGet() == null) {
            return true; // exec and tcp probes are not run here: they count as passing
        }
        var get = probe.getHttpGet();
        int port =
                get.getPort().getIntVal() != null
                        ? get.getPort().getIntVal()
                        : namedPort(get.getPort().getStrVal());
        int timeout = probe.getTimeoutSeconds() == null ? 1 : probe.getTimeoutSeconds();
        boolean https = "HTTPS".equalsIgnoreCase(get.getScheme());
        try {
            HttpResponse<Void> response =
                    (https ? HTTPS : HTTP)
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            (https ? "https://" : "http://")
                                                                    + ip
                                                                    + ":"
                                                                    + port
                                                                    + get.getPath()))
                                            .timeout(Duration.ofSeconds(timeout))
                                            .GET()
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() >= 200 && response.statusCode() < 400;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private int namedPort(String portName) {
        return pod.getSpec().getContainers().get(0).getPorts().stream()
                .filter(p -> portName.equals(p.getName()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no port named " + portName))
                .getContainerPort();
    }

    long gracePeriod() {
        Long fromDeletion = pod.getMetadata().getDeletionGracePeriodSeconds();
        Long fromSpec = pod.getSpec().getTerminationGracePeriodSeconds();
        return fromDeletion != null ? fromDeletion : fromSpec != null ? fromSpec : 30;
    }

    /**
     * SIGTERM to the process (and its children), SIGKILL after {@code grace}; returns once they are
     * gone.
     */
    void stop(Duration grace) {
        terminal = true;
        ready = false;
        if (process != null) {
            LOG.info("[{}] stopping (SIGTERM, SIGKILL after {} s)", alias(), grace.toSeconds());
            killTree(grace);
        }
    }

    /** SIGKILL at once, as when the node dies. */
    void kill() {
        terminal = true;
        ready = false;
        if (process != null) {
            LOG.info("[{}] killed with its node", alias());
            killTree(Duration.ZERO);
        }
    }

    private void killTree(Duration grace) {
        Process p = process;
        List<ProcessHandle> children = p.descendants().toList();
        if (!grace.isZero()) {
            p.destroy();
            children.forEach(ProcessHandle::destroy);
            try {
                p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        p.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    PodStatus status() {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        boolean running = process != null && process.isAlive();
        String phase =
                terminal && !running
                        ? (lastExitCode != null && lastExitCode == 0 ? "Succeeded" : "Failed")
                        : "Running";
        ContainerStatusBuilder container =
                new ContainerStatusBuilder()
                        .withName(pod.getSpec().getContainers().get(0).getName())
                        .withImage(image)
                        .withImageID("process://" + image)
                        .withReady(running && ready)
                        .withRestartCount(restartCount)
                        .withStarted(running);
        if (running) {
            container
                    .withContainerID("process://" + process.pid())
                    .withNewState()
                    .withNewRunning()
                    .withStartedAt(startedAt.truncatedTo(ChronoUnit.SECONDS).toString())
                    .endRunning()
                    .endState();
        } else {
            container
                    .withNewState()
                    .withNewWaiting()
                    .withReason(terminal ? "Terminated" : "CrashLoopBackOff")
                    .endWaiting()
                    .endState();
        }
        if (lastExitCode != null) {
            container
                    .withNewLastState()
                    .withNewTerminated()
                    .withExitCode(lastExitCode)
                    .withReason("Error")
                    .endTerminated()
                    .endLastState();
        }
        ContainerStatus containerStatus = container.build();
        boolean podReady = running && ready;
        return new PodStatusBuilder()
                .withPhase(phase)
                .withHostIP("127.0.0.1")
                .withPodIP(ip)
                .addNewPodIP(ip)
                .withStartTime(podStartTime.truncatedTo(ChronoUnit.SECONDS).toString())
                .withConditions(
                        condition("Initialized", true, now),
                        condition("Ready", podReady, now),
                        condition("ContainersReady", podReady, now),
                        condition("PodScheduled", true, now))
                .withContainerStatuses(containerStatus)
                .withQosClass(pod.getStatus() == null ? null : pod.getStatus().getQosClass())
                .build();
    }

    private static PodCondition condition(String type, boolean status, String now) {
        return new PodConditionBuilder()
                .withType(type)
                .withStatus(status ? "True" : "False")
                .withLastTransitionTime(now)
                .build();
    }
}
