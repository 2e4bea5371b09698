package io.dolphincluster.runtime.testkit;

import io.dolphincluster.protocol.auth.ClusterCredential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * Controllers as real processes, each with seed-style files in its own directory: all on 127.0.0.1,
 * or one on each machine given; and one cluster secret ({@code config/cluster.secret}) for them and
 * for every agent and datanode added. Closing the cluster kills every process it started.
 */
public final class ControllerCluster implements AutoCloseable {
    private static final int RAFT_PORT_OFFSET = 1000;

    private final Map<String, ControllerProcess> controllers = new LinkedHashMap<>();
    private final Map<String, String> settings;
    private final Path root;

    /** {@code cluster.nodes} rows of agents and datanodes, written after the controllers' rows. */
    private final List<String> otherNodes = new ArrayList<>();

    private final List<AgentProcess> agents = new ArrayList<>();
    private final String secret = ClusterCredential.generateSecret();
    private final ClusterCredential credential = ClusterCredential.of(secret);
    private final TestTls tls;

    private ControllerCluster(Path root, List<Machine> machines, Map<String, String> settings)
            throws IOException {
        this.settings = settings;
        this.root = root;
        this.tls = TestTls.of(root, settings);
        List<Integer> ports = FreePorts.controllerPorts(machines.size(), RAFT_PORT_OFFSET);
        for (int i = 0; i < machines.size(); i++) {
            String alias = "controller" + (i + 1);
            controllers.put(
                    alias,
                    new ControllerProcess(
                            alias,
                            machines.get(i),
                            ports.get(i),
                            root.resolve(alias),
                            credential,
                            tls));
        }
    }

    /** The cluster's TLS: on when the settings hold {@code enableHTTPS=true}. */
    public TestTls tls() {
        return tls;
    }

    /**
     * The cluster secret every process of this cluster has in its {@code config/cluster.secret}.
     */
    public String secret() {
        return secret;
    }

    /** The cluster credential, to sign requests as a member node. */
    public ClusterCredential credential() {
        return credential;
    }

    /**
     * {@code count} controllers on 127.0.0.1 whose files list all of them, with {@code
     * dfsHAMode=Raft} and the extra {@code controller.cfg} settings given. Nothing is started yet.
     */
    public static ControllerCluster create(Path root, int count, Map<String, String> settings)
            throws IOException {
        return create(root, Collections.nCopies(count, Machine.loopback(0)), settings);
    }

    /**
     * As {@link #create(Path, int, Map)}, with controller {@code i+1} on {@code machines.get(i)}.
     */
    public static ControllerCluster create(
            Path root, List<Machine> machines, Map<String, String> settings) throws IOException {
        ControllerCluster cluster = new ControllerCluster(root, machines, settings);
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

    /**
     * (Re)writes a controller's {@code controller.cfg} (factor 2, reliability level 1 unless the
     * settings say otherwise), {@code cluster.nodes} and {@code cluster.cfg}.
     */
    public void writeFiles(
            ControllerProcess controller, Collection<ControllerProcess> listed, boolean raftMode)
            throws IOException {
        Path config = controller.dir().resolve("config");
        NodeProcess.writeClusterSecret(controller.dir(), secret);
        tls.provision(controller.dir(), controller.machine().host());
        List<String> cfg = new ArrayList<>();
        cfg.add("localSite=" + controller.site() + ":" + controller.alias());
        if (!settings.containsKey("dfsReplicationFactor")) cfg.add("dfsReplicationFactor=2");
        if (!settings.containsKey("dfsReplicaReliabilityLevel"))
            cfg.add("dfsReplicaReliabilityLevel=1");
        if (raftMode) cfg.add("dfsHAMode=Raft");
        settings.forEach((key, value) -> cfg.add(key + "=" + value));
        Files.write(config.resolve("controller.cfg"), cfg);
        List<String> nodes = new ArrayList<>();
        nodes.add("localSite,mode");
        listed.forEach(c -> nodes.add(c.site() + ":" + c.alias() + ",controller"));
        nodes.addAll(otherNodes);
        Files.write(config.resolve("cluster.nodes"), nodes);
        Files.write(config.resolve("cluster.cfg"), List.of("maxMemSize=1", "workerNum=2"));
    }

    /**
     * Adds an agent on 127.0.0.1 and, on the same host, the datanodes named, each on a free port;
     * lists them all in every controller's {@code cluster.nodes} (rewriting the controllers' files,
     * so call it before starting them) and writes the agent's {@code agent.cfg} ({@code sites}
     * naming every controller, plus {@code settings}). Nothing is started; closing the cluster
     * kills the agent and every process it started.
     */
    public AgentProcess addAgent(String alias, List<String> datanodes, Map<String, String> settings)
            throws IOException {
        Set<Integer> taken =
                controllers.values().stream()
                        .flatMap(
                                c ->
                                        java.util.stream.Stream.of(
                                                c.port(), c.port() + RAFT_PORT_OFFSET))
                        .collect(Collectors.toSet());
        List<Integer> ports = FreePorts.ports(1 + datanodes.size(), taken);
        AgentProcess agent =
                new AgentProcess(alias, ports.get(0), root.resolve(alias), credential, tls);
        otherNodes.add(agent.site() + ":" + alias + ",agent");
        for (int i = 0; i < datanodes.size(); i++) {
            otherNodes.add("127.0.0.1:" + ports.get(i + 1) + ":" + datanodes.get(i) + ",datanode");
        }
        for (ControllerProcess controller : controllers.values())
            writeFiles(controller, all(), true);
        agent.writeConfig(
                controllers.values().stream().map(c -> c.site() + ":" + c.alias()).toList(),
                settings,
                secret);
        agents.add(agent);
        return agent;
    }

    public void startAll() throws IOException {
        for (ControllerProcess controller : controllers.values()) controller.start();
    }

    /**
     * Waits until every running controller among {@code among} names the same leader, and that
     * leader is one of them and accepts writes. Returns the leader's alias.
     */
    public String awaitLeader(Duration timeout, Collection<ControllerProcess> among) {
        Set<String> aliases =
                among.stream().map(ControllerProcess::alias).collect(Collectors.toSet());
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
        Set<String> named =
                among.stream()
                        .filter(ControllerProcess::isAlive)
                        .map(c -> c.admin().leader().orElse(null))
                        .collect(Collectors.toSet());
        if (named.size() != 1 || named.contains(null)) return Optional.empty();
        String leader = named.iterator().next();
        boolean leaderRunning =
                among.stream()
                        .anyMatch(
                                c ->
                                        c.alias().equals(leader)
                                                && c.isAlive()
                                                && c.admin()
                                                        .raft()
                                                        .path("leaderReady")
                                                        .asBoolean());
        return leaderRunning ? Optional.of(leader) : Optional.empty();
    }

    @Override
    public void close() {
        for (AgentProcess agent : agents) agent.close();
        for (ControllerProcess controller : controllers.values()) controller.close();
    }
}
