package io.dolphincluster.runtime.agent;

import io.dolphincluster.runtime.auth.HashingExecutor;
import io.dolphincluster.runtime.auth.MemberVerifier;
import io.dolphincluster.runtime.auth.UserStore;
import io.dolphincluster.runtime.config.AgentConfig;
import io.dolphincluster.runtime.config.MachineIdentity;
import io.dolphincluster.runtime.config.NodeMode;
import io.dolphincluster.runtime.config.Site;
import io.dolphincluster.runtime.http.HttpApiServer;
import io.dolphincluster.runtime.http.HttpAuthentication;
import io.dolphincluster.runtime.http.HttpPortCounters;
import io.dolphincluster.runtime.http.Route;
import io.dolphincluster.runtime.link.ControllerLink;
import io.dolphincluster.runtime.link.NodeMembership;
import io.dolphincluster.runtime.link.UserSync;
import io.dolphincluster.runtime.net.DnsWait;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agent (the seed's {@code -mode agent}): its HTTP API on the {@code localSite} port, its
 * registration with and heartbeats to the controller leader (one a second), and the datanode
 * processes it started. {@link #close()} stops the datanodes it runs (SIGTERM, grace period,
 * SIGKILL); an agent killed with SIGKILL leaves them running, orphaned, and the next agent started
 * on the same home adopts them.
 */
public final class AgentNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AgentNode.class);

    /**
     * Seconds a datanode gets between SIGTERM and SIGKILL; the system property {@code
     * dolphin.agent.stopGraceSeconds} overrides it.
     */
    static final int DEFAULT_STOP_GRACE_SECONDS = 10;

    static final Duration HEARTBEAT_PERIOD = Duration.ofSeconds(1);
    private static final Duration CONTROLLER_DEADLINE = Duration.ofSeconds(5);

    private final String alias;
    private final HttpApiServer http;
    private final NodeMembership membership;
    private final ExecutorService workers;
    private final DatanodeSupervisor supervisor;

    private AgentNode(
            String alias,
            HttpApiServer http,
            NodeMembership membership,
            ExecutorService workers,
            DatanodeSupervisor supervisor) {
        this.alias = alias;
        this.http = http;
        this.membership = membership;
        this.workers = workers;
        this.supervisor = supervisor;
    }

    /**
     * Starts the agent: binds its HTTP port on {@code listenHost} once DNS resolves it (failing if
     * the port is taken) and begins looking for the leader.
     *
     * @param home the agent's {@code -home}; each datanode it starts gets {@code home/<alias>}
     * @param distributionHome the distribution's directory (its {@code bin/dolphin} starts
     *     datanodes), or null
     * @throws IllegalStateException when neither {@code datanodeCommand} nor the distribution is
     *     known
     */
    /** The names this agent is reached by: its own, its controllers' and every site it lists. */
    private static List<String> siteHosts(AgentConfig config) {
        List<String> hosts =
                new ArrayList<>(List.of(config.localSite().host(), config.listenHost()));
        config.controllers().forEach(c -> hosts.add(c.host()));
        config.sites().forEach(n -> hosts.add(n.site().host()));
        return hosts;
    }

    public static AgentNode start(AgentConfig config, Path home, String distributionHome)
            throws UnknownHostException, InterruptedException {
        Site site = config.localSite();
        String alias = site.alias();
        MachineIdentity identity = config.identity();
        List<String> program = DatanodeLauncher.program(config.datanodeCommand(), distributionHome);
        InetAddress listenAddress = new DnsWait(alias).resolve(config.listenHost());
        DatanodeLauncher launcher =
                new DatanodeLauncher(home, identity, program, config.secretFile(), config.tls());
        DatanodeSupervisor supervisor =
                new DatanodeSupervisor(
                        alias,
                        Duration.ofSeconds(
                                Integer.getInteger(
                                        "dolphin.agent.stopGraceSeconds",
                                        DEFAULT_STOP_GRACE_SECONDS)),
                        launcher::directory);
        ControllerLink link =
                new ControllerLink(
                        alias,
                        config.credential(),
                        config.controllers(),
                        CONTROLLER_DEADLINE,
                        config.tls());
        UserStore users = new UserStore();
        UserSync userSync = new UserSync(link, users);
        NodeMembership membership =
                new NodeMembership(
                        site,
                        NodeMode.AGENT,
                        identity,
                        link,
                        () -> refreshQuietly(alias, userSync));
        ExecutorService workers = Executors.newCachedThreadPool(daemon("agent-worker"));
        ExecutorService hashing = HashingExecutor.bounded(alias + "-password-hashing");
        AgentApi api =
                new AgentApi(site, identity, link, membership, launcher, supervisor, workers);
        HttpAuthentication authentication =
                new HttpAuthentication(
                        alias, new MemberVerifier(alias, config.credential()), users, hashing);
        AtomicReference<HttpApiServer> server = new AtomicReference<>();
        List<Route> routes = new ArrayList<>(api.routes());
        routes.add(
                new AgentMetrics(
                                alias,
                                config.tls(),
                                () ->
                                        server.get() == null
                                                ? HttpPortCounters.NONE
                                                : server.get().counters())
                        .route());
        HttpApiServer http;
        try {
            http =
                    HttpApiServer.start(
                            alias,
                            new InetSocketAddress(listenAddress, site.port()),
                            routes,
                            authentication,
                            List.of(),
                            config.http().withHosts(siteHosts(config)),
                            config.tls());
        } catch (RuntimeException | InterruptedException e) {
            workers.shutdownNow();
            hashing.shutdownNow();
            throw e;
        }
        server.set(http);
        log.info(
                "[{}] agent API listening on {}://{} (bound to {}; machine {}, zone '{}'; datanodes run as {})",
                alias,
                config.tls().scheme(),
                site.hostPort(),
                listenAddress.getHostAddress(),
                identity.machine(),
                identity.zone(),
                String.join(" ", program));
        membership.start(HEARTBEAT_PERIOD.toMillis());
        return new AgentNode(alias, http, membership, workers, supervisor);
    }

    private static void refreshQuietly(String alias, UserSync userSync) {
        try {
            userSync.refresh();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.io.IOException e) {
            log.debug("[{}] users not refreshed: {}", alias, e.getMessage());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Stops heartbeats and the API, then every datanode this agent runs. Interrupted while it waits
     * for them to exit, it stops waiting, still shuts its workers down, and returns with the
     * thread's interrupt flag set.
     */
    @Override
    public void close() {
        membership.close();
        http.close();
        try {
            supervisor.stopAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("[{}] interrupted while stopping its datanodes", alias);
        }
        workers.shutdownNow();
        log.info("[{}] agent stopped", alias);
    }
}
