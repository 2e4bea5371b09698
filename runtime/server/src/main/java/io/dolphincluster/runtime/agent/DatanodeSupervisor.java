package io.dolphincluster.runtime.agent;

import io.dolphincluster.runtime.config.NodeEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The datanode processes of this agent. Start and stop of one datanode are serialized; a start of a
 * running datanode and a stop of a stopped one change nothing and say so. A datanode's output goes
 * to {@code <its dir>/log/stdout.log} and its pid to {@code <its dir>/datanode.pid}, so an agent
 * restarted after a SIGKILL adopts the datanodes its predecessor left running (a pid counts only
 * while that process's command line still names the datanode's directory as {@code -home}, so a
 * reused pid is never taken for it).
 */
final class DatanodeSupervisor {
    private static final Logger log = LoggerFactory.getLogger(DatanodeSupervisor.class);
    private static final String PID_FILE = "datanode.pid";

    /**
     * What the agent knows of one of its datanodes. {@code pid}, {@code exitCode} and {@code
     * message} may be null.
     */
    record Status(
            String alias, String site, String state, Long pid, Integer exitCode, String message) {
        static final String RUNNING = "running";
        static final String STOPPED = "stopped";
    }

    private final String agentAlias;
    private final Duration grace;
    private final Function<String, Path> directoryOf;
    private final Map<String, ProcessHandle> processes = new ConcurrentHashMap<>();
    private final Map<String, Integer> exitCodes = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /**
     * @param directoryOf a datanode's directory (its {@code -home}), by alias
     */
    DatanodeSupervisor(String agentAlias, Duration grace, Function<String, Path> directoryOf) {
        this.agentAlias = agentAlias;
        this.grace = grace;
        this.directoryOf = directoryOf;
    }

    Status status(NodeEntry datanode) {
        synchronized (lock(datanode.alias())) {
            return statusOf(datanode, null);
        }
    }

    /** Starts the datanode with {@code command} unless it runs already. */
    Status start(NodeEntry datanode, List<String> command, Path output) throws IOException {
        synchronized (lock(datanode.alias())) {
            if (running(datanode.alias()).isPresent()) return statusOf(datanode, "already running");
            Path dir = directoryOf.apply(datanode.alias());
            Process process =
                    new ProcessBuilder(command)
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                            .start();
            processes.put(datanode.alias(), process.toHandle());
            exitCodes.remove(datanode.alias());
            Files.writeString(
                    dir.resolve(PID_FILE), Long.toString(process.pid()), StandardCharsets.UTF_8);
            log.info(
                    "[{}] started datanode {} (pid {}): {}",
                    agentAlias,
                    datanode.alias(),
                    process.pid(),
                    String.join(" ", command));
            process.onExit()
                    .thenAccept(
                            p -> {
                                exitCodes.put(datanode.alias(), p.exitValue());
                                log.info(
                                        "[{}] datanode {} (pid {}) exited with code {}",
                                        agentAlias,
                                        datanode.alias(),
                                        p.pid(),
                                        p.exitValue());
                            });
            return statusOf(datanode, "started");
        }
    }

    /** SIGTERM, then SIGKILL after the grace period; returns once the process is gone. */
    Status stop(NodeEntry datanode) throws InterruptedException {
        synchronized (lock(datanode.alias())) {
            Optional<ProcessHandle> running = running(datanode.alias());
            if (running.isEmpty()) return statusOf(datanode, "not running");
            ProcessHandle process = running.get();
            log.info(
                    "[{}] stopping datanode {} (pid {}) with SIGTERM",
                    agentAlias,
                    datanode.alias(),
                    process.pid());
            ProcessStopper.Outcome outcome = ProcessStopper.stop(List.of(process), grace);
            if (outcome.killed()) {
                log.warn(
                        "[{}] datanode {} (pid {}) ignored SIGTERM for {} s; killed it",
                        agentAlias,
                        datanode.alias(),
                        process.pid(),
                        grace.toSeconds());
            }
            if (!outcome.allGone()) {
                throw new IllegalStateException(
                        "datanode "
                                + datanode.alias()
                                + " (pid "
                                + process.pid()
                                + ") is still running after SIGKILL");
            }
            return statusOf(
                    datanode,
                    outcome.killed() ? "killed after " + grace.toSeconds() + " s" : "stopped");
        }
    }

    /**
     * Stops every running datanode at once (SIGTERM, grace period, SIGKILL): the agent is going
     * away.
     */
    void stopAll() throws InterruptedException {
        List<ProcessHandle> running =
                new ArrayList<>(
                        processes.values().stream().filter(ProcessHandle::isAlive).toList());
        if (running.isEmpty()) return;
        log.info(
                "[{}] stopping {} datanode process(es) before exiting", agentAlias, running.size());
        ProcessStopper.Outcome outcome = ProcessStopper.stop(running, grace);
        if (!outcome.allGone())
            log.warn("[{}] some datanode processes survived SIGKILL", agentAlias);
    }

    private Status statusOf(NodeEntry datanode, String message) {
        String site = datanode.site().hostPort();
        Optional<ProcessHandle> running = running(datanode.alias());
        if (running.isPresent())
            return new Status(
                    datanode.alias(), site, Status.RUNNING, running.get().pid(), null, message);
        ProcessHandle last = processes.get(datanode.alias());
        return new Status(
                datanode.alias(),
                site,
                Status.STOPPED,
                last == null ? null : last.pid(),
                exitCodes.get(datanode.alias()),
                message);
    }

    /**
     * The live process of a datanode: one this agent started, else one named by its pid file
     * (adopted).
     */
    private Optional<ProcessHandle> running(String alias) {
        ProcessHandle known = processes.get(alias);
        if (known != null) return known.isAlive() ? Optional.of(known) : Optional.empty();
        Optional<ProcessHandle> adopted = fromPidFile(alias);
        adopted.ifPresent(
                p -> {
                    processes.put(alias, p);
                    log.info(
                            "[{}] adopted datanode {} (pid {}), left running by an earlier agent",
                            agentAlias,
                            alias,
                            p.pid());
                });
        return adopted;
    }

    private Optional<ProcessHandle> fromPidFile(String alias) {
        Path dir = directoryOf.apply(alias);
        Path pidFile = dir.resolve(PID_FILE);
        long pid;
        try {
            if (!Files.exists(pidFile)) return Optional.empty();
            pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).strip());
        } catch (IOException | NumberFormatException e) {
            log.warn("[{}] ignoring unreadable {}: {}", agentAlias, pidFile, e.toString());
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> runsWithHome(p, dir));
    }

    private static boolean runsWithHome(ProcessHandle process, Path dir) {
        List<String> arguments = process.info().arguments().map(Arrays::asList).orElse(List.of());
        int home = arguments.indexOf("-home");
        return home >= 0
                && home + 1 < arguments.size()
                && arguments.get(home + 1).equals(dir.toString());
    }

    private Object lock(String alias) {
        return locks.computeIfAbsent(alias, a -> new Object());
    }
}
