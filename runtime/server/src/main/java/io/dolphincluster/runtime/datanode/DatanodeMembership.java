package io.dolphincluster.runtime.datanode;

import io.dolphincluster.runtime.config.MachineIdentity;
import io.dolphincluster.runtime.config.Site;
import io.dolphincluster.runtime.link.ControllerLink;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a datanode known to the controller leader: registers it (alias, data site, machine, zone), then
 * heartbeats every interval and refreshes the {@link MetadataView} after each beat. A leader that does not
 * know the node (404: a new leader whose metadata predates the registration, or an emptied cluster) gets a
 * new registration. After each refresh it runs the {@code afterRefresh} hook (replica maintenance).
 */
public final class DatanodeMembership implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DatanodeMembership.class);

    private final Site site;
    private final MachineIdentity identity;
    private final ControllerLink link;
    private final MetadataView view;
    private final Runnable afterRefresh;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "datanode-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean registered;
    private volatile boolean reachable = true;

    public DatanodeMembership(Site site, MachineIdentity identity, ControllerLink link, MetadataView view, Runnable afterRefresh) {
        this.site = site;
        this.identity = identity;
        this.link = link;
        this.view = view;
        this.afterRefresh = afterRefresh;
    }

    public void start(int intervalMillis) {
        scheduler.scheduleWithFixedDelay(this::beat, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Registered with the leader and holding its metadata: ready to serve. */
    public boolean ready() {
        return registered && view.loaded();
    }

    private void beat() {
        try {
            if (!registered) register();
            ControllerLink.Answer answer = link.post("/api/heartbeat", Map.of("alias", site.alias()));
            if (answer.status() == 404) {
                log.info("[{}] the leader does not know this datanode; registering again", site.alias());
                registered = false;
                register();
            } else if (!answer.ok()) {
                log.warn("[{}] heartbeat refused: {} {}", site.alias(), answer.status(), answer.error());
            }
            view.refresh();
            if (!reachable) log.info("[{}] controllers reachable again", site.alias());
            reachable = true;
            afterRefresh.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (reachable) log.warn("[{}] cannot reach the controller leader: {}", site.alias(), e.getMessage());
            reachable = false;
        }
    }

    private void register() throws Exception {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("alias", site.alias());
        body.put("site", site.hostPort());
        body.put("mode", "datanode");
        body.put("machine", identity.machine());
        body.put("zone", identity.zone());
        ControllerLink.Answer answer = link.post("/api/nodes", body);
        if (!answer.ok()) throw new IllegalStateException("registration refused: " + answer.status() + " " + answer.error());
        registered = true;
        log.info("[{}] registered with the controller leader (machine {}, zone '{}')", site.alias(), identity.machine(), identity.zone());
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
