package io.dolphincluster.runtime.controller;

import io.dolphincluster.adminapi.RaftStatus;
import io.dolphincluster.runtime.BoundedPool;
import io.dolphincluster.runtime.auth.HashingExecutor;
import io.dolphincluster.runtime.auth.MemberVerifier;
import io.dolphincluster.runtime.auth.Role;
import io.dolphincluster.runtime.auth.UserStore;
import io.dolphincluster.runtime.config.ClusterNodes;
import io.dolphincluster.runtime.config.ConfigException;
import io.dolphincluster.runtime.config.ConfigProblem;
import io.dolphincluster.runtime.config.ControllerConfig;
import io.dolphincluster.runtime.config.NodeEntry;
import io.dolphincluster.runtime.config.NodeMode;
import io.dolphincluster.runtime.controller.api.ChunkApi;
import io.dolphincluster.runtime.controller.api.ControllerApi;
import io.dolphincluster.runtime.controller.api.ControllerDolphinApi;
import io.dolphincluster.runtime.controller.api.ControllerMetrics;
import io.dolphincluster.runtime.controller.api.DatanodeControlApi;
import io.dolphincluster.runtime.controller.api.DrainApi;
import io.dolphincluster.runtime.controller.api.NotebookApi;
import io.dolphincluster.runtime.controller.api.UserApi;
import io.dolphincluster.runtime.controller.leader.BackgroundWork;
import io.dolphincluster.runtime.controller.leader.FailureReports;
import io.dolphincluster.runtime.controller.leader.LeaderRouting;
import io.dolphincluster.runtime.controller.leader.LivenessMonitor;
import io.dolphincluster.runtime.controller.leader.RecoveryMonitor;
import io.dolphincluster.runtime.controller.leader.SecurityBootstrap;
import io.dolphincluster.runtime.controller.raft.BootstrapDecision;
import io.dolphincluster.runtime.controller.raft.ControllerGroup;
import io.dolphincluster.runtime.controller.raft.ControllerPeers;
import io.dolphincluster.runtime.controller.raft.ControllerRaft;
import io.dolphincluster.runtime.controller.raft.GroupBootstrap;
import io.dolphincluster.runtime.controller.raft.MembershipAdmin;
import io.dolphincluster.runtime.controller.raft.MetadataStateMachine;
import io.dolphincluster.runtime.controller.raft.MetadataWriter;
import io.dolphincluster.runtime.controller.raft.PeerStatusProbe;
import io.dolphincluster.runtime.http.HttpApiServer;
import io.dolphincluster.runtime.http.HttpAuthentication;
import io.dolphincluster.runtime.http.HttpPortCounters;
import io.dolphincluster.runtime.http.Route;
import io.dolphincluster.runtime.link.ControllerLink;
import io.dolphincluster.runtime.metadata.ClusterMetadata;
import io.dolphincluster.runtime.metrics.ProcessMetrics;
import io.dolphincluster.runtime.net.DnsWait;
import io.dolphincluster.runtime.placement.PlacementPolicy;
import io.dolphincluster.runtime.tls.CertificateMeters;
import io.dolphincluster.runtime.web.WebPage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.ratis.protocol.RaftPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running controller: its admin HTTP API (and DolphinDB's API protocol) on the {@code localSite}
 * port, its member of the Raft metadata group on the derived Raft port, and the leader-only work:
 * failure detection, replica recovery, and creating the admin user in a new cluster. Every HTTP
 * route but health, readiness, metrics and the page's files needs a user's credentials or a member
 * token made with the cluster secret of {@code clusterSecretFile}.
 */
public final class ControllerNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControllerNode.class);

    private static final long HANDOVER_TIMEOUT_MILLIS = 3_000;
    private static final int HANDOVER_ATTEMPTS = 3;

    private final String alias;
    private final HttpApiServer http;
    private final ControllerRaft raft;
    private final ControllerGroup group;
    private final MembershipAdmin membership;
    private final BackgroundWork background;
    private final ControllerDolphinApi dolphinApi;

    private ControllerNode(
            String alias,
            HttpApiServer http,
            ControllerDolphinApi dolphinApi,
            ControllerRaft raft,
            ControllerGroup group,
            MembershipAdmin membership,
            BackgroundWork background) {
        this.alias = alias;
        this.http = http;
        this.dolphinApi = dolphinApi;
        this.raft = raft;
        this.group = group;
        this.membership = membership;
        this.background = background;
    }

    /**
     * Starts a controller; returns once Raft runs (which may take until the other controllers
     * answer, see {@link GroupBootstrap}).
     *
     * @throws ConfigException when the files contradict each other (for example this controller is
     *     not in {@code cluster.nodes})
     */
    /** The names this controller is reached by: its own and every site of {@code cluster.nodes}. */
    private static List<String> siteHosts(ControllerConfig config, ClusterNodes nodes) {
        List<String> hosts =
                new ArrayList<>(List.of(config.localSite().host(), config.listenHost()));
        nodes.nodes().forEach(n -> hosts.add(n.site().host()));
        return hosts;
    }

    public static ControllerNode start(ControllerConfig config, ClusterNodes nodes, Path home)
            throws ConfigException, IOException, InterruptedException {
        List<NodeEntry> controllers = checkMembership(config, nodes);
        String alias = config.alias();
        InetAddress listenAddress = new DnsWait(alias).resolve(config.listenHost());
        ControllerPeers peers = new ControllerPeers(config.raftPortOffset());
        ClusterMetadata metadata = new ClusterMetadata();
        MetadataStateMachine stateMachine = new MetadataStateMachine(alias, metadata);
        String startId = UUID.randomUUID().toString();
        ControllerGroup group = new ControllerGroup(alias, startId, peers, stateMachine);
        Duration commitTimeout =
                Duration.ofMillis(Math.max(5_000, 4L * config.electionTimeoutMaxMillis()));
        MetadataWriter writer = new MetadataWriter(group, commitTimeout);
        PlacementPolicy placement =
                new PlacementPolicy(config.replicationFactor(), config.replicaReliabilityLevel());
        RecoveryMonitor recovery =
                new RecoveryMonitor(
                        alias, metadata, writer, placement, config.recoveryWaitMillis());
        LivenessMonitor liveness =
                new LivenessMonitor(
                        alias,
                        metadata,
                        writer,
                        Duration.ofSeconds(config.heartbeatTimeoutSeconds()),
                        ControllerLink.REQUEST_TIMEOUT,
                        recovery::runSoon);
        stateMachine.addLeadershipListener(liveness);
        stateMachine.addLeadershipListener(recovery);
        FailureReports failureReports = new FailureReports(alias, metadata, liveness);
        SecurityBootstrap security =
                new SecurityBootstrap(
                        alias, metadata, writer, System.getenv("DOLPHIN_ADMIN_PASSWORD"));
        stateMachine.addLeadershipListener(security);
        ExecutorService hashing = HashingExecutor.bounded("password-hashing");
        BackgroundWork background =
                new BackgroundWork(liveness, recovery, security, failureReports, hashing);
        MembershipAdmin membership =
                new MembershipAdmin(alias, group, 2L * config.electionTimeoutMaxMillis());
        LeaderRouting routing = new LeaderRouting(alias, group, writer, config.tls().scheme());
        List<Route> routes =
                new ArrayList<>(
                        new ControllerApi(
                                        alias,
                                        group,
                                        metadata,
                                        routing,
                                        membership,
                                        liveness,
                                        config.replicationFactor())
                                .routes());
        routes.addAll(new ChunkApi(alias, metadata, routing, placement).routes());
        routes.addAll(failureReports.routes(routing));
        routes.addAll(
                new DrainApi(
                                alias,
                                metadata,
                                routing,
                                liveness,
                                member -> group.status().hasMember(member))
                        .routes());
        routes.addAll(new UserApi(alias, metadata, routing, hashing).routes());
        routes.addAll(
                new NotebookApi(
                                alias,
                                metadata,
                                BoundedPool.create(alias + "-notebook", 4, 64),
                                config.tls().socketFactory())
                        .routes());
        routes.addAll(
                new DatanodeControlApi(
                                alias, config.credential(), nodes, metadata, routing, config.tls())
                        .routes());
        AtomicReference<HttpApiServer> server =
                new AtomicReference<>(); // the metrics route is the server's own
        ProcessMetrics processMetrics = new ProcessMetrics(); // the process's one registry
        CertificateMeters.register(processMetrics, alias, config.tls());
        routes.add(
                new ControllerMetrics(
                                processMetrics,
                                alias,
                                group,
                                metadata,
                                liveness,
                                stateMachine::leaderChanges,
                                config.replicationFactor(),
                                () ->
                                        server.get() == null
                                                ? HttpPortCounters.NONE
                                                : server.get().counters())
                        .route());
        routes.addAll(WebPage.routes());
        UserStore users =
                UserStore.backedBy(
                        name ->
                                metadata.user(name)
                                        .map(
                                                u ->
                                                        new UserStore.StoredUser(
                                                                u.name(),
                                                                u.passwordHash(),
                                                                Role.of(u.admin()))));
        HttpAuthentication authentication =
                new HttpAuthentication(
                        alias, new MemberVerifier(alias, config.credential()), users, hashing);

        InetSocketAddress httpAddress =
                new InetSocketAddress(listenAddress, config.localSite().port());
        ControllerDolphinApi dolphinApi =
                new ControllerDolphinApi(alias, group::status, metadata, users);
        HttpApiServer http;
        try {
            http =
                    HttpApiServer.start(
                            alias,
                            httpAddress,
                            routes,
                            authentication,
                            List.of(dolphinApi.protocol()),
                            config.http().withHosts(siteHosts(config, nodes)),
                            config.tls());
            server.set(http);
        } catch (InterruptedException | RuntimeException e) {
            dolphinApi.close();
            background.close();
            throw e;
        }
        log.info(
                "[{}] admin API listening on {}://{} (bound to {}; DolphinDB's API protocol on the same port)",
                alias,
                config.tls().scheme(),
                config.localSite().hostPort(),
                listenAddress.getHostAddress());
        try {
            BootstrapDecision decision =
                    new GroupBootstrap(
                                    config.localSite(),
                                    startId,
                                    controllers,
                                    peers,
                                    home,
                                    new PeerStatusProbe(alias, config.credential(), config.tls()))
                            .decision();
            List<RaftPeer> initial = decision.peers();
            ControllerRaft raft =
                    ControllerRaft.start(config, listenAddress, home, initial, stateMachine);
            if (initial.isEmpty()) {
                // Said only now: the leader's attempt to add it fails until the Raft port listens.
                log.info(
                        "[{}] Raft member started on port {} with no group: waiting for the leader to add it",
                        alias,
                        config.raftPortOf(config.localSite()));
            } else {
                log.info(
                        "[{}] Raft member started on port {} (initial group {})",
                        alias,
                        config.raftPortOf(config.localSite()),
                        initial.stream().map(p -> p.getId().toString()).toList());
            }
            group.started(raft, decision);
            return new ControllerNode(alias, http, dolphinApi, raft, group, membership, background);
        } catch (IOException | InterruptedException | RuntimeException e) {
            http.close();
            dolphinApi.close();
            background.close();
            throw e;
        }
    }

    /**
     * Hands leadership to the follower that answered last, so the others need not wait out an
     * election timeout. A transfer can fail when an entry is appended while it runs (the successor,
     * one entry behind, loses its election): then this node waits for the group to settle, and
     * tries again, with the successor chosen afresh, if it leads again.
     */
    private void handOverLeadership() {
        for (int attempt = 1; attempt <= HANDOVER_ATTEMPTS && group.isReadyLeader(); attempt++) {
            Optional<String> successor =
                    group.status().followerLastResponseMillis().entrySet().stream()
                            .min(Map.Entry.comparingByValue())
                            .map(Map.Entry::getKey);
            if (successor.isEmpty()) return;
            try {
                membership
                        .transferLeadership(successor.get(), HANDOVER_TIMEOUT_MILLIS)
                        .get(HANDOVER_TIMEOUT_MILLIS + 1_000, TimeUnit.MILLISECONDS);
                log.info("[{}] handed leadership to {} before stopping", alias, successor.get());
                return;
            } catch (Exception e) {
                log.warn(
                        "[{}] could not hand leadership to {} before stopping (attempt {} of {}): {}",
                        alias,
                        successor.get(),
                        attempt,
                        HANDOVER_ATTEMPTS,
                        e.toString());
            }
            Optional<String> leader =
                    settledLeader(
                            System.nanoTime()
                                    + TimeUnit.MILLISECONDS.toNanos(HANDOVER_TIMEOUT_MILLIS));
            if (leader.isPresent() && !leader.get().equals(alias)) {
                log.info(
                        "[{}] handed leadership to {} before stopping (it won the election that followed)",
                        alias,
                        leader.get());
                return;
            }
        }
    }

    /**
     * The leader once the group has one again (this node only once it is ready), or empty at the
     * deadline.
     */
    private Optional<String> settledLeader(long deadlineNanos) {
        while (System.nanoTime() < deadlineNanos) {
            RaftStatus status = group.status();
            String leader = status.leader();
            if (leader != null && (!leader.equals(alias) || status.leaderReady()))
                return Optional.of(leader);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static List<NodeEntry> checkMembership(ControllerConfig config, ClusterNodes nodes)
            throws ConfigException {
        List<NodeEntry> controllers = nodes.withMode(NodeMode.CONTROLLER);
        boolean listed = controllers.stream().anyMatch(c -> c.site().equals(config.localSite()));
        if (!listed) {
            throw new ConfigException(
                    new ConfigProblem(
                            nodes.path(),
                            0,
                            "localSite",
                            "a controller row for this controller's localSite "
                                    + config.localSite()
                                    + " (controllers listed: "
                                    + controllers.stream().map(c -> c.site().toString()).toList()
                                    + ")",
                            null));
        }
        if (!config.raftMode() && controllers.size() > 1) {
            throw new ConfigException(
                    new ConfigProblem(
                            nodes.path(),
                            0,
                            "dfsHAMode",
                            "dfsHAMode=Raft in controller.cfg, since cluster.nodes lists "
                                    + controllers.size()
                                    + " controllers",
                            null));
        }
        return controllers;
    }

    /**
     * Stops the controller. A leader first hands leadership to its most recently heard follower, so
     * a planned stop costs the group no election timeout.
     */
    @Override
    public void close() throws IOException {
        handOverLeadership();
        background.close();
        http.close();
        dolphinApi.close();
        raft.close();
    }
}
