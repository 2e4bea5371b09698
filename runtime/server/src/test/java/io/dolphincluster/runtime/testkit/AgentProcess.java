package io.dolphincluster.runtime.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One agent run as a real process of {@code bin/dolphin -mode agent}, from its own directory
 * ({@code config/agent.cfg}, {@code data/}, {@code log/}), with the seed's flags. The datanodes it starts live in
 * {@code data/<alias>}. Closing it kills the agent and every process it started, also those a
 * {@link #kill()} left orphaned: their pids are noted before the agent is killed.
 */
public final class AgentProcess implements AutoCloseable {
    private final String alias;
    private final int port;
    private final Path dir;
    private final List<ProcessHandle> children = new ArrayList<>();
    private Process process;

    AgentProcess(String alias, int port, Path dir) {
        this.alias = alias;
        this.port = port;
        this.dir = dir;
    }

    public String alias() {
        return alias;
    }

    public String site() {
        return "127.0.0.1:" + port;
    }

    public Path dir() {
        return dir;
    }

    /** The directory the agent gives datanode {@code datanode}. */
    public Path datanodeDir(String datanode) {
        return dir.resolve("data").resolve(datanode);
    }

    public AdminClient admin() {
        return new AdminClient("http://" + site());
    }

    void writeConfig(List<String> controllerSites, Map<String, String> settings) throws IOException {
        Path config = dir.resolve("config");
        Files.createDirectories(config);
        List<String> sites = new ArrayList<>();
        sites.add(site() + ":" + alias + ":agent");
        controllerSites.forEach(c -> sites.add(c + ":controller"));
        List<String> cfg = new ArrayList<>();
        cfg.add("localSite=" + site() + ":" + alias);
        cfg.add("controllerSite=" + controllerSites.get(0));
        cfg.add("sites=" + String.join(",", sites));
        settings.forEach((key, value) -> cfg.add(key + "=" + value));
        Files.write(config.resolve("agent.cfg"), cfg);
    }

    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) throw new IllegalStateException(alias + " is already running");
        Files.createDirectories(dir.resolve("log"));
        ProcessBuilder builder = new ProcessBuilder(Distribution.launcher().toString(), "-console", "0", "-mode", "agent",
                "-home", "data", "-config", "config/agent.cfg", "-logFile", "log/agent.log")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log/stdout.log").toFile()));
        // the machine must be the host of localSite, whatever this test runs in
        builder.environment().keySet().removeAll(List.of("DOLPHIN_MACHINE", "DOLPHIN_ZONE", "NODE_NAME"));
        process = builder.start();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process.pid();
    }

    /** {@code kill -9}: the agent's datanodes keep running, orphaned, until {@link #close()}. */
    public synchronized void kill() throws InterruptedException {
        if (process == null) return;
        noteChildren();
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as a service manager stops an agent; waits for it to exit. */
    public synchronized void stop() throws InterruptedException {
        if (process == null) return;
        noteChildren();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    private void noteChildren() {
        process.descendants().forEach(children::add);
    }

    /** Waits for the agent to exit by itself and returns its exit code. */
    public synchronized int awaitExit(java.time.Duration timeout) throws InterruptedException {
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
        Path log = dir.resolve("log/agent.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public synchronized void close() throws InterruptedException {
        if (process != null && process.isAlive()) kill();
        for (ProcessHandle child : children) {
            child.destroyForcibly();
            try {
                child.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                System.err.println("could not kill pid " + child.pid() + " started by " + alias + ": " + e);
            }
        }
        children.clear();
    }
}
