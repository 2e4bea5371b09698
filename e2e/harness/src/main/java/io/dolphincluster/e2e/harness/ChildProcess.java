package io.dolphincluster.e2e.harness;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process started by the harness (a control-plane component, or a real node's containerd,
 * kubelet, ...), its stdout and stderr appended to its own log file.
 *
 * <p>{@link #stop} sends SIGTERM to this pid, waits up to the grace period, then sends SIGKILL and
 * waits for the exit; it returns only once the process is gone (or reports that it is not).
 */
public final class ChildProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 25;

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    public static ChildProcess start(String name, List<String> command, Path logFile)
            throws IOException {
        Files.writeString(
                logFile,
                "# " + String.join(" ", command) + System.lineSeparator(),
                StandardCharsets.UTF_8);
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // etcd reads ETCD_* variables as flags and refuses to start if one shadows a flag we pass.
        builder.environment().keySet().removeIf(variable -> variable.startsWith("ETCD_"));
        Process process = builder.start();
        LOG.info("[{}] started, pid {}, log {}", name, process.pid(), logFile);
        return new ChildProcess(name, process, logFile);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /**
     * Why the process is not running, for an error message: its exit code and the tail of its log.
     */
    public String exitReport() {
        return name
                + " (pid "
                + pid()
                + ") exited with code "
                + process.exitValue()
                + "; last lines of "
                + logFile
                + ":\n"
                + logTail();
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(
                    "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    /**
     * SIGTERM, then SIGKILL if still alive after {@code grace}. Returns true once the process has
     * exited. If interrupted, it sends SIGKILL at once, restores the interrupt flag and reports
     * what it saw.
     */
    public boolean stop(Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                LOG.warn(
                        "[{}] still alive {} s after SIGTERM, sending SIGKILL to pid {}",
                        name,
                        grace.toSeconds(),
                        pid());
                process.destroyForcibly().waitFor(KILL_WAIT.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        boolean exited = !process.isAlive();
        if (exited) {
            LOG.info("[{}] stopped, pid {}", name, pid());
        }
        return exited;
    }

    /** Waits up to {@code nanos} for the process to exit, returning early if it does. */
    public void awaitExit(long nanos) throws InterruptedException {
        process.waitFor(nanos, TimeUnit.NANOSECONDS);
    }

    /** SIGKILL without waiting: for the JVM shutdown hook. */
    public void killNow() {
        process.destroyForcibly();
    }
}
