package io.dolphincluster.runtime.datanode;

import io.dolphincluster.runtime.BoundedPool;
import io.dolphincluster.runtime.auth.HashingExecutor;
import io.dolphincluster.runtime.auth.InternalUserAuthenticator;
import io.dolphincluster.runtime.auth.MemberVerifier;
import io.dolphincluster.runtime.auth.UserStore;
import io.dolphincluster.runtime.config.DatanodeConfig;
import io.dolphincluster.runtime.config.MachineIdentity;
import io.dolphincluster.runtime.config.NodeMode;
import io.dolphincluster.runtime.dolphindb.DolphinFrontEnd;
import io.dolphincluster.runtime.dolphindb.DolphinProtocol;
import io.dolphincluster.runtime.http.HttpApiServer;
import io.dolphincluster.runtime.http.HttpAuthentication;
import io.dolphincluster.runtime.http.HttpPortCounters;
import io.dolphincluster.runtime.http.Route;
import io.dolphincluster.runtime.link.ControllerLink;
import io.dolphincluster.runtime.link.NodeMembership;
import io.dolphincluster.runtime.link.UserSync;
import io.dolphincluster.runtime.metrics.ProcessMetrics;
import io.dolphincluster.runtime.net.DataPortCounters;
import io.dolphincluster.runtime.net.DataServer;
import io.dolphincluster.runtime.net.DataServerOptions;
import io.dolphincluster.runtime.net.DnsWait;
import io.dolphincluster.runtime.net.ForeignProtocol;
import io.dolphincluster.runtime.storage.ChunkStore;
import io.dolphincluster.runtime.tls.CertificateMeters;
import io.dolphincluster.runtime.web.WebPage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A datanode process: its chunk store under {@code home}, its data server on {@code localSite}
 * (clients and other datanodes; DolphinDB API clients on the same port), its HTTP health endpoints
 * on {@code localSite} port + 1000, and its membership with the controller leader; both ports bind
 * {@code listenHost}. The HTTP server starts first and answers health at once; the data server
 * waits for the controllers (the users come from them), readiness for the registration that
 * follows. It proves membership, to the controllers and to other datanodes, with the cluster
 * credential of its {@code clusterSecretFile}.
 */
public final class DatanodeNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DatanodeNode.class);
    private static final Duration CONTROLLER_DEADLINE = Duration.ofSeconds(15);

    private final String alias;
    private final AutoCloseable[] parts;

    private DatanodeNode(String alias, AutoCloseable... parts) {
        this.alias = alias;
        this.parts = parts;
    }

    /** The names this datanode is reached by: its own and its controllers'. */
    private static List<String> siteHosts(DatanodeConfig config) {
        List<String> hosts =
                new ArrayList<>(List.of(config.localSite().host(), config.listenHost()));
        config.controllers().forEach(c -> hosts.add(c.host()));
        return hosts;
    }

    public static DatanodeNode start(DatanodeConfig config, Path home)
            throws IOException, InterruptedException {
        String alias = config.alias();
        InetAddress listenAddress = new DnsWait(alias).resolve(config.listenHost());
        MachineIdentity identity =
                MachineIdentity.resolve(config.machineKey(), config.zoneKey(), config.localSite());
        ControllerLink link =
                new ControllerLink(
                        alias,
                        config.credential(),
                        config.controllers(),
                        CONTROLLER_DEADLINE,
                        config.tls());
        ChunkStore store = ChunkStore.inHome(home, alias);
        MetadataView view = new MetadataView(link, alias, store.storeId());
        UserStore users = new UserStore();
        UserSync userSync = new UserSync(link, users);
        MemberVerifier members = new MemberVerifier(alias, config.credential());

        DatanodePools pools = DatanodePools.create(alias);
        LocalReplicas replicas = new LocalReplicas(store);
        ReplicaStates states = new ReplicaStates(alias, link);
        WirePeers peers = new WirePeers(alias, view, config.credential(), config.tls());
        ReplicaRepair repair = new ReplicaRepair(alias, replicas, view, peers);
        DrainHandover handover = new DrainHandover(alias, replicas, view, states);
        AtomicReference<HttpApiServer> httpServer = new AtomicReference<>();
        AtomicReference<DataServer> dataPort = new AtomicReference<>();
        ProcessMetrics processMetrics = new ProcessMetrics(); // one per process
        CertificateMeters.register(processMetrics, alias, config.tls());
        DatanodeMetrics metrics =
                new DatanodeMetrics(
                        processMetrics,
                        alias,
                        replicas,
                        view,
                        () ->
                                httpServer.get() == null
                                        ? HttpPortCounters.NONE
                                        : httpServer.get().counters(),
                        () ->
                                dataPort.get() == null
                                        ? DataPortCounters.NONE
                                        : dataPort.get().counters());
        ReplicationPath replication =
                new ReplicationPath(alias, replicas, view, peers, states, metrics);
        ChunkReader chunkReader =
                new ChunkReader(alias, replicas, view, states, repair, pools.replicas());
        DatanodeServices services =
                new DatanodeServices(
                        view,
                        replicas,
                        new SchemaService(link, view),
                        new WriteCoordinator(
                                alias, view, link, replication, peers, pools.primaries()),
                        new ReadCoordinator(alias, view, chunkReader, peers),
                        replication,
                        new ReplicaSide(alias, replicas, view),
                        chunkReader);
        NodeMembership membership =
                new NodeMembership(
                        config.localSite(),
                        NodeMode.DATANODE,
                        identity,
                        store.storeId(),
                        link,
                        () -> {
                            refreshQuietly(alias, view, userSync);
                            repair.run();
                            handover.runLater();
                        });

        // Health answers before the controllers do, so a slow cold start is not taken for a dead
        // process; readiness
        // waits for the registration, which comes after the data server below.
        List<Route> routes =
                new ArrayList<>(
                        new DatanodeHttpApi(
                                        alias,
                                        () -> membership.registered() && view.loaded(),
                                        replicas,
                                        metrics.route())
                                .routes());
        routes.addAll(
                new DatanodeNotebookApi(
                                alias,
                                config.localSite().hostPort(),
                                BoundedPool.create(alias + "-notebook", 4, 64),
                                config.tls().socketFactory())
                        .routes());
        routes.addAll(WebPage.datanodeRoutes());
        HttpApiServer http =
                HttpApiServer.start(
                        alias,
                        new InetSocketAddress(listenAddress, config.httpPort()),
                        routes,
                        new HttpAuthentication(
                                alias,
                                members,
                                users,
                                HashingExecutor.bounded(alias + "-http-auth")),
                        List.of(),
                        config.http().withHosts(siteHosts(config)),
                        config.tls());
        httpServer.set(http);
        log.info(
                "[{}] HTTP on port {}: healthy now, ready once registered with the controller leader",
                alias,
                config.httpPort());
        DataServer dataServer;
        ExecutorService dolphinRequests;
        try {
            awaitUsers(alias, userSync);
            DataServerOptions options =
                    DataServerOptions.defaults(alias)
                            .withLoginLimits(
                                    DataServerOptions.DEFAULT_LOGIN_TIMEOUT,
                                    Math.max(
                                            1,
                                            Math.min(
                                                    DataServerOptions.DEFAULT_MAX_PENDING_LOGINS,
                                                    config.maxConnections() / 4)),
                                    config.maxConnections())
                            .withMaxConnectionsPerAddress(config.maxConnectionsPerAddress());
            // DolphinDB API requests on their own threads, so long scripts never hold up
            // replication work.
            dolphinRequests = BoundedPool.create(alias + "-dolphindb", 16, 1024);
            DolphinBackend dolphinBackend = new DolphinBackend(alias, services, metrics);
            List<ForeignProtocol> dolphinDb =
                    DolphinProtocol.on(
                            options,
                            new DolphinFrontEnd(dolphinBackend, dolphinBackend, users),
                            dolphinRequests);
            dataServer =
                    DataServer.start(
                            new InetSocketAddress(listenAddress, config.localSite().port()),
                            options,
                            new InternalUserAuthenticator(members, alias, users),
                            new DatanodeRequests(services, pools, metrics),
                            dolphinDb,
                            config.tls());
            dataPort.set(dataServer);
        } catch (Exception e) { // Netty rethrows a BindException undeclared
            http.close();
            throw e;
        }
        membership.start(config.heartbeatIntervalMillis());
        log.info(
                "[{}] datanode serving data on {} (machine {}, zone '{}')",
                alias,
                config.localSite().hostPort(),
                identity.machine(),
                identity.zone());
        PrimaryStepDown stepDown = new PrimaryStepDown(alias, replicas, view, states);
        // Heartbeats stop first: a repair after the step-down could catch this node up and make it
        // primary again.
        return new DatanodeNode(
                alias,
                membership,
                stepDown,
                http,
                dataServer,
                handover,
                repair,
                peers,
                pools,
                dolphinRequests::shutdownNow,
                replicas);
    }

    /**
     * Waits for a leader to answer the users (a datanode checks logins itself, so it needs them
     * before it serves).
     */
    private static void awaitUsers(String alias, UserSync userSync) throws InterruptedException {
        while (true) {
            try {
                userSync.refresh();
                return;
            } catch (ControllerLink.Unavailable e) {
                log.info("[{}] waiting for a controller leader: {}", alias, e.getMessage());
            } catch (IOException e) {
                log.info("[{}] waiting for the users: {}", alias, e.getMessage());
                Thread.sleep(1_000);
            }
        }
    }

    /** After each heartbeat: the leader's metadata and users; a failure waits for the next beat. */
    private static void refreshQuietly(String alias, MetadataView view, UserSync userSync) {
        try {
            view.refresh();
            userSync.refresh();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.debug("[{}] metadata or users not refreshed: {}", alias, e.getMessage());
        }
    }

    @Override
    public void close() {
        log.info("[{}] datanode stopping", alias);
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                log.warn("[{}] error while stopping: {}", alias, e.toString());
            }
        }
    }
}
