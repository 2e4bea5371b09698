package io.dolphincluster.runtime.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One controller run as a real process of {@code bin/dolphin}, from its own directory laid out as the
 * seed lays out a server ({@code config/}, {@code data/}, {@code log/}), with the seed's flags.
 * {@link #kill()} is {@code kill -9}; every process started is ended by {@link #close()}.
 */
public final class ControllerProcess implements AutoCloseable {
    private final String alias;
    private final int port;
    private final Path dir;
    private Process process;

    ControllerProcess(String alias, int port, Path dir) {
        this.alias = alias;
        this.port = port;
        this.dir = dir;
    }

    public String alias() {
        return alias;
    }

    public int port() {
        return port;
    }

    public String site() {
        return "127.0.0.1:" + port;
    }

    public Path dir() {
        return dir;
    }

    public Path logFile() {
        return dir.resolve("log/controller.log");
    }

    public AdminClient admin() {
        return new AdminClient("http://" + site());
    }

    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) throw new IllegalStateException(alias + " is already running");
        Files.createDirectories(dir.resolve("log"));
        process = new ProcessBuilder(command())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log/stdout.log").toFile()))
                .start();
    }

    private List<String> command() {
        return List.of(Distribution.launcher().toString(), "-console", "0", "-mode", "controller", "-home", "data",
                "-config", "config/controller.cfg", "-clusterConfig", "config/cluster.cfg",
                "-logFile", "log/controller.log", "-nodesFile", "config/cluster.nodes");
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

    /** SIGTERM, as a service manager stops a controller; waits for it to exit. */
    public synchronized void stop() throws InterruptedException {
        if (process == null) return;
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** Waits for the process to exit by itself and returns its exit code. */
    public synchronized int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(alias + " did not exit within " + timeout);
        }
        return process.exitValue();
    }

    public String output() throws IOException {
        Path out = dir.resolve("log/stdout.log");
        return Files.exists(out) ? Files.readString(out) : "";
    }

    public String log() throws IOException {
        return Files.exists(logFile()) ? Files.readString(logFile()) : "";
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
