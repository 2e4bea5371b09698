package io.dolphincluster.runtime.link;

import com.fasterxml.jackson.databind.JsonNode;
import io.dolphincluster.adminapi.AdminRoutes;
import io.dolphincluster.adminapi.Heartbeat;
import io.dolphincluster.adminapi.Registration;
import io.dolphincluster.runtime.config.MachineIdentity;
import io.dolphincluster.runtime.config.NodeMode;
import io.dolphincluster.runtime.config.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an agent or a datanode known to the controller leader: registers it (alias, site, mode,
 * machine, zone), then heartbeats every interval. A leader that does not know the node (404: a new
 * leader whose metadata predates the registration) gets a new registration. After each successful
 * beat it runs {@code afterBeat} (a datanode refreshes its metadata there). One log line per change
 * of reachability, never one per beat.
 */
public final class NodeMembership implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeMembership.class);

    private final String alias;
    private final Registration registration;
    private final ControllerLink link;
    private final Runnable afterBeat;
    private final ScheduledExecutorService scheduler;

    /**
     * Runs {@code afterBeat} off the heartbeat thread, one at a time: slow work there never delays
     * a heartbeat.
     */
    private final java.util.concurrent.ExecutorService afterBeats;

    private final java.util.concurrent.atomic.AtomicBoolean afterBeatRunning =
            new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean registered;
    private volatile String leader;
    private volatile boolean reachable = true;

    public NodeMembership(
            Site site,
            NodeMode mode,
            MachineIdentity identity,
            ControllerLink link,
            Runnable afterBeat) {
        this(site, mode, identity, null, link, afterBeat);
    }

    /**
     * A datanode's membership: it registers with the identity of its chunk store ({@code storeId}).
     */
    public NodeMembership(
            Site site,
            NodeMode mode,
            MachineIdentity identity,
            String storeId,
            ControllerLink link,
            Runnable afterBeat) {
        this.alias = site.alias();
        this.registration = registration(site, mode, identity).withStoreId(storeId);
        this.link = link;
        this.afterBeat = afterBeat;
        this.scheduler =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread thread = new Thread(r, mode.configName() + "-heartbeat");
                            thread.setDaemon(true);
                            return thread;
                        });
        this.afterBeats =
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread thread = new Thread(r, mode.configName() + "-after-heartbeat");
                            thread.setDaemon(true);
                            return thread;
                        });
    }

    public void start(long intervalMillis) {
        scheduler.scheduleWithFixedDelay(this::beat, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Registered with the current leader. */
    public boolean registered() {
        return registered;
    }

    /** The alias of the leader that answered the last heartbeat, while registered. */
    public Optional<String> leader() {
        return registered ? Optional.ofNullable(leader) : Optional.empty();
    }

    private void beat() {
        try {
            if (!registered) register();
            ControllerLink.Answer answer =
                    link.post(AdminRoutes.HEARTBEAT.path(), new Heartbeat(alias));
            if (answer.status() == 404) {
                log.info("[{}] the leader does not know this node; registering again", alias);
                registered = false;
                register();
            } else if (!answer.ok()) {
                throw new IllegalStateException(
                        "heartbeat refused: " + answer.status() + " " + answer.error());
            } else {
                leader = text(answer.body(), "leader");
                link.learnControllers(sites(answer.body(), "controllers"));
            }
            if (!reachable) log.info("[{}] heartbeats reach leader {} again", alias, leader);
            reachable = true;
            runAfterBeat();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (reachable)
                log.warn("[{}] cannot reach the controller leader: {}", alias, e.getMessage());
            reachable = false;
        }
    }

    /**
     * Starts {@code afterBeat} unless the previous one still runs (the next beat starts it again).
     */
    private void runAfterBeat() {
        if (!afterBeatRunning.compareAndSet(false, true)) return;
        try {
            afterBeats.execute(
                    () -> {
                        try {
                            afterBeat.run();
                        } finally {
                            afterBeatRunning.set(false);
                        }
                    });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            afterBeatRunning.set(false); // closing
        }
    }

    private void register() throws Exception {
        ControllerLink.Answer answer = link.post(AdminRoutes.REGISTER.path(), registration);
        if (!answer.ok())
            throw new IllegalStateException(
                    "registration refused: " + answer.status() + " " + answer.error());
        registered = true;
        log.info("[{}] registered with the controller leader as {}", alias, registration);
    }

    private static List<String> sites(JsonNode body, String field) {
        List<String> sites = new ArrayList<>();
        if (body != null) body.path(field).forEach(site -> sites.add(site.asText()));
        return sites;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body == null ? null : body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static Registration registration(Site site, NodeMode mode, MachineIdentity identity) {
        return new Registration(
                site.alias(),
                site.hostPort(),
                mode.configName(),
                identity.machine(),
                identity.zone(),
                null);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        afterBeats.shutdownNow();
    }
}
