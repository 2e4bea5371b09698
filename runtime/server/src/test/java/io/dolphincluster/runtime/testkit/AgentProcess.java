package io.dolphincluster.runtime.testkit;

import io.dolphincluster.protocol.auth.ClusterCredential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One agent run as a real process of {@code bin/dolphin -mode agent}, from its own directory
 * ({@code config/agent.cfg}, {@code data/}, {@code log/}), with the seed's flags. The datanodes it
 * starts live in {@code data/<alias>}. Closing it kills the agent and every process it started,
 * also those a {@link #kill()} left orphaned: their pids are noted before the agent is killed.
 */
public final class AgentProcess extends NodeProcess {
    private final int port;
    private final ClusterCredential credential;
    private final List<ProcessHandle> children = new ArrayList<>();

    private final TestTls tls;

    AgentProcess(String alias, int port, Path dir, ClusterCredential credential, TestTls tls) {
        super(alias, "agent", dir, Machine.loopback(0));
        this.tls = tls;
        this.port = port;
        this.credential = credential;
    }

    public String site() {
        return "127.0.0.1:" + port;
    }

    /** The directory the agent gives datanode {@code datanode}. */
    public Path datanodeDir(String datanode) {
        return dir().resolve("data").resolve(datanode);
    }

    /** Its API as the test kit itself: a member node with the cluster's credential. */
    public AdminClient admin() {
        return tls.admin(site(), Credentials.member("testkit", credential));
    }

    void writeConfig(List<String> controllerSites, Map<String, String> settings, String secret)
            throws IOException {
        Path config = dir().resolve("config");
        writeClusterSecret(dir(), secret);
        List<String> sites = new ArrayList<>();
        sites.add(site() + ":" + alias() + ":agent");
        controllerSites.forEach(c -> sites.add(c + ":controller"));
        List<String> cfg = new ArrayList<>();
        cfg.add("localSite=" + site() + ":" + alias());
        cfg.add("controllerSite=" + controllerSites.get(0));
        cfg.add("sites=" + String.join(",", sites));
        settings.forEach((key, value) -> cfg.add(key + "=" + value));
        cfg.addAll(tls.configLines());
        tls.provision(dir(), machine().host());
        Files.write(config.resolve("agent.cfg"), cfg);
    }

    @Override
    protected List<String> command() {
        return List.of(
                Distribution.launcher().toString(),
                "-console",
                "0",
                "-mode",
                "agent",
                "-home",
                "data",
                "-config",
                "config/agent.cfg",
                "-logFile",
                "log/agent.log");
    }

    /** {@code kill -9}: the agent's datanodes keep running, orphaned, until {@link #close()}. */
    @Override
    public synchronized void kill() throws InterruptedException {
        noteChildren();
        super.kill();
    }

    /** SIGTERM, as a service manager stops an agent; waits for it to exit. */
    @Override
    public synchronized void stop() throws InterruptedException {
        noteChildren();
        super.stop();
    }

    private void noteChildren() {
        Process process = process();
        if (process == null) return;
        process.descendants()
                .forEach(
                        child -> {
                            children.add(child);
                            track(child);
                        });
    }

    /**
     * {@code kill -9} of the agent and of every datanode it started. Interrupted while it waits for
     * them to exit, it still signals the rest and returns with the thread's interrupt flag set.
     */
    @Override
    public synchronized void close() {
        if (isAlive()) super.close();
        for (ProcessHandle child : children) child.destroyForcibly();
        for (ProcessHandle child : children) {
            if (Thread.currentThread().isInterrupted()) break;
            try {
                child.onExit().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException
                    | java.util.concurrent.TimeoutException e) {
                System.err.println(
                        "could not kill pid " + child.pid() + " started by " + alias() + ": " + e);
            }
        }
        children.clear();
    }
}
