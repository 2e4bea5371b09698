package io.dolphincluster.runtime.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * Controllers on 127.0.0.1 as real processes, each with seed-style files in its own directory. Closing
 * the cluster kills every process it started.
 */
public final class ControllerCluster implements AutoCloseable {
    private static final int RAFT_PORT_OFFSET = 1000;

    private final Map<String, ControllerProcess> controllers = new LinkedHashMap<>();
    private final Map<String, String> settings;

    private ControllerCluster(Path root, int count, Map<String, String> settings) throws IOException {
        this.settings = settings;
        List<Integer> ports = FreePorts.controllerPorts(count, RAFT_PORT_OFFSET);
        for (int i = 0; i < count; i++) {
            String alias = "controller" + (i + 1);
            controllers.put(alias, new ControllerProcess(alias, ports.get(i), root.resolve(alias)));
        }
    }

    /**
     * {@code count} controllers whose files list all of them, with {@code dfsHAMode=Raft} and the extra
     * {@code controller.cfg} settings given. Nothing is started yet.
     */
    public static ControllerCluster create(Path root, int count, Map<String, String> settings) throws IOException {
        ControllerCluster cluster = new ControllerCluster(root, count, settings);
        for (ControllerProcess controller : cluster.all()) {
            cluster.writeFiles(controller, cluster.all(), true);
        }
        return cluster;
    }

    public List<ControllerProcess> all() {
        return List.copyOf(controllers.values());
    }

    public ControllerProcess get(String alias) {
        ControllerProcess controller = controllers.get(alias);
        if (controller == null) throw new IllegalArgumentException("no controller " + alias);
        return controller;
    }

    public List<ControllerProcess> running() {
        return controllers.values().stream().filter(ControllerProcess::isAlive).toList();
    }

    /** (Re)writes a controller's {@code controller.cfg}, {@code cluster.nodes} and {@code cluster.cfg}. */
    public void writeFiles(ControllerProcess controller, Collection<ControllerProcess> listed, boolean raftMode)
            throws IOException {
        Path config = controller.dir().resolve("config");
        Files.createDirectories(config);
        List<String> cfg = new ArrayList<>();
        cfg.add("localSite=" + controller.site() + ":" + controller.alias());
        cfg.add("dfsReplicationFactor=2");
        cfg.add("dfsReplicaReliabilityLevel=1");
        if (raftMode) cfg.add("dfsHAMode=Raft");
        settings.forEach((key, value) -> cfg.add(key + "=" + value));
        Files.write(config.resolve("controller.cfg"), cfg);
        List<String> nodes = new ArrayList<>();
        nodes.add("localSite,mode");
        listed.forEach(c -> nodes.add(c.site() + ":" + c.alias() + ",controller"));
        Files.write(config.resolve("cluster.nodes"), nodes);
        Files.write(config.resolve("cluster.cfg"), List.of("maxMemSize=1", "workerNum=2"));
    }

    public void startAll() throws IOException {
        for (ControllerProcess controller : controllers.values()) controller.start();
    }

    /**
     * Waits until every running controller among {@code among} names the same leader, and that leader is
     * one of them and accepts writes. Returns the leader's alias.
     */
    public String awaitLeader(Duration timeout, Collection<ControllerProcess> among) {
        Set<String> aliases = among.stream().map(ControllerProcess::alias).collect(Collectors.toSet());
        return Awaitility.await("a leader named by all of " + aliases)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> agreedLeader(among), leader -> leader.isPresent())
                .orElseThrow();
    }

    public String awaitLeader(Duration timeout) {
        return awaitLeader(timeout, running());
    }

    private static Optional<String> agreedLeader(Collection<ControllerProcess> among) {
        Set<String> named = among.stream().filter(ControllerProcess::isAlive)
                .map(c -> c.admin().leader().orElse(null))
                .collect(Collectors.toSet());
        if (named.size() != 1 || named.contains(null)) return Optional.empty();
        String leader = named.iterator().next();
        boolean leaderRunning = among.stream().anyMatch(c -> c.alias().equals(leader) && c.isAlive()
                && c.admin().raft().path("leaderReady").asBoolean());
        return leaderRunning ? Optional.of(leader) : Optional.empty();
    }

    @Override
    public void close() throws InterruptedException {
        for (ControllerProcess controller : controllers.values()) controller.close();
    }
}
