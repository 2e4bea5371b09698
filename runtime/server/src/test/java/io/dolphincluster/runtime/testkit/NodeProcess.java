package io.dolphincluster.runtime.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One runtime process ({@code bin/dolphin -mode ...}) started on its {@link Machine} from its own
 * directory with the seed's flags. {@link #kill()} is {@code kill -9}; {@link #close()} ends the
 * process whatever state it is in.
 */
public class NodeProcess implements AutoCloseable {
    /**
     * Every process started here, or started by one of them and {@link #track tracked}, and not yet
     * exited. A test or benchmark JVM that is interrupted (Ctrl-C, a CI timeout) skips its close
     * calls; this hook still kills what it started.
     */
    private static final Set<ProcessHandle> STARTED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> STARTED.forEach(NodeProcess::killWithDescendants),
                                "node-processes-kill-on-exit"));
    }

    private static void killWithDescendants(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /**
     * Has the exit hook kill {@code process} too: one this JVM did not start, such as a datanode an
     * agent started, which stops being the agent's descendant when the agent dies.
     */
    protected static void track(ProcessHandle process) {
        STARTED.add(process);
        process.onExit().thenRun(() -> STARTED.remove(process));
    }

    private final String alias;
    private final String mode;
    private final Path dir;
    private final Machine machine;
    private Process process;

    NodeProcess(String alias, String mode, Path dir, Machine machine) {
        this.alias = alias;
        this.mode = mode;
        this.dir = dir;
        this.machine = machine;
    }

    public String alias() {
        return alias;
    }

    public Path dir() {
        return dir;
    }

    public Machine machine() {
        return machine;
    }

    public Path logFile() {
        return dir.resolve("log/" + mode + ".log");
    }

    public synchronized void start() throws IOException {
        if (process != null && process.isAlive())
            throw new IllegalStateException(alias + " is already running");
        Files.createDirectories(dir.resolve("log"));
        List<String> command = new ArrayList<>(machine.launcher());
        command.addAll(command());
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(
                                ProcessBuilder.Redirect.appendTo(
                                        dir.resolve("log/stdout.log").toFile()));
        // a node's machine comes from its files, whatever environment this test runs in
        builder.environment()
                .keySet()
                .removeAll(List.of("DOLPHIN_MACHINE", "DOLPHIN_ZONE", "NODE_NAME"));
        process = builder.start();
        track(process.toHandle());
    }

    /** The seed's command line for this node's mode. */
    protected List<String> command() {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Distribution.launcher().toString(),
                                "-console",
                                "0",
                                "-mode",
                                mode,
                                "-home",
                                "data",
                                "-config",
                                "config/" + mode + ".cfg",
                                "-logFile",
                                "log/" + mode + ".log",
                                "-nodesFile",
                                "config/cluster.nodes"));
        if (Files.exists(dir.resolve("config/cluster.cfg")))
            command.addAll(List.of("-clusterConfig", "config/cluster.cfg"));
        return command;
    }

    /**
     * Writes {@code config/cluster.secret}, where every process's config file finds it by default.
     */
    static void writeClusterSecret(Path dir, String secret) throws IOException {
        Path config = dir.resolve("config");
        Files.createDirectories(config);
        Files.writeString(config.resolve("cluster.secret"), secret + "\n");
    }

    /** The running process, for subclasses that track what it started. */
    protected synchronized Process process() {
        return process;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process.pid();
    }

    /** {@code kill -9}: no shutdown hook runs, nothing is flushed that was not already. */
    public synchronized void kill() throws InterruptedException {
        if (process == null) return;
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM; waits for the process to exit. */
    public synchronized void stop() throws InterruptedException {
        if (process == null) return;
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS))
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    public synchronized int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(alias + " did not exit within " + timeout);
        }
        return process.exitValue();
    }

    public String log() throws IOException {
        return Files.exists(logFile()) ? Files.readString(logFile()) : "";
    }

    public String output() throws IOException {
        Path out = dir.resolve("log/stdout.log");
        return Files.exists(out) ? Files.readString(out) : "";
    }

    /**
     * {@code kill -9}. Interrupted while it waits for the process to exit, it returns with the
     * thread's interrupt flag set: the signal is already sent.
     */
    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
