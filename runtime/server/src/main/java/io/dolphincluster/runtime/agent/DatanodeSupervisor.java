package io.dolphincluster.runtime.agent;

import io.dolphincluster.runtime.config.NodeEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The datanode processes this agent started. Start and stop of one datanode are serialized; a start of a
 * running datanode and a stop of a stopped one change nothing and say so. A datanode's output goes to
 * {@code <its dir>/log/stdout.log}.
 */
final class DatanodeSupervisor {
    private static final Logger log = LoggerFactory.getLogger(DatanodeSupervisor.class);

    /** What the agent knows of one of its datanodes. {@code pid} and {@code exitCode} may be null. */
    record Status(String alias, String site, String state, Long pid, Integer exitCode, String message) {
        static final String RUNNING = "running";
        static final String STOPPED = "stopped";
    }

    private final String agentAlias;
    private final Duration grace;
    private final Map<String, Process> processes = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    DatanodeSupervisor(String agentAlias, Duration grace) {
        this.agentAlias = agentAlias;
        this.grace = grace;
    }

    Status status(NodeEntry datanode) {
        Process process = processes.get(datanode.alias());
        if (process == null) return new Status(datanode.alias(), datanode.site().hostPort(), Status.STOPPED, null, null, null);
        if (process.isAlive()) {
            return new Status(datanode.alias(), datanode.site().hostPort(), Status.RUNNING, process.pid(), null, null);
        }
        return new Status(datanode.alias(), datanode.site().hostPort(), Status.STOPPED, process.pid(), process.exitValue(), null);
    }

    /** Starts the datanode with {@code command} unless it runs already. */
    Status start(NodeEntry datanode, List<String> command, Path workDir, Path output) throws IOException {
        synchronized (lock(datanode.alias())) {
            Process running = processes.get(datanode.alias());
            if (running != null && running.isAlive()) {
                return withMessage(status(datanode), "already running");
            }
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .start();
            processes.put(datanode.alias(), process);
            log.info("[{}] started datanode {} (pid {}): {}", agentAlias, datanode.alias(), process.pid(), String.join(" ", command));
            process.onExit().thenAccept(p -> log.info("[{}] datanode {} (pid {}) exited with code {}",
                    agentAlias, datanode.alias(), p.pid(), p.exitValue()));
            return withMessage(status(datanode), "started");
        }
    }

    /** SIGTERM, then SIGKILL after the grace period; returns once the process is gone. */
    Status stop(NodeEntry datanode) throws InterruptedException {
        synchronized (lock(datanode.alias())) {
            Process process = processes.get(datanode.alias());
            if (process == null || !process.isAlive()) return withMessage(status(datanode), "not running");
            log.info("[{}] stopping datanode {} (pid {}) with SIGTERM", agentAlias, datanode.alias(), process.pid());
            ProcessStopper.Outcome outcome = ProcessStopper.stop(List.of(process.toHandle()), grace);
            if (outcome.killed()) {
                log.warn("[{}] datanode {} (pid {}) ignored SIGTERM for {} s; killed it", agentAlias, datanode.alias(),
                        process.pid(), grace.toSeconds());
            }
            if (!outcome.allGone()) throw new IllegalStateException("datanode " + datanode.alias() + " (pid "
                    + process.pid() + ") is still running after SIGKILL");
            return withMessage(status(datanode), outcome.killed() ? "killed after " + grace.toSeconds() + " s" : "stopped");
        }
    }

    /** Stops every running datanode at once (SIGTERM, grace period, SIGKILL): the agent is going away. */
    void stopAll() throws InterruptedException {
        List<ProcessHandle> running = new ArrayList<>();
        processes.values().stream().filter(Process::isAlive).map(Process::toHandle).forEach(running::add);
        if (running.isEmpty()) return;
        log.info("[{}] stopping {} datanode process(es) before exiting", agentAlias, running.size());
        ProcessStopper.Outcome outcome = ProcessStopper.stop(running, grace);
        if (!outcome.allGone()) log.warn("[{}] some datanode processes survived SIGKILL", agentAlias);
    }

    private Object lock(String alias) {
        return locks.computeIfAbsent(alias, a -> new Object());
    }

    private static Status withMessage(Status status, String message) {
        return new Status(status.alias(), status.site(), status.state(), status.pid(), status.exitCode(), message);
    }
}
