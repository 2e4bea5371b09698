package io.dolphincluster.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.runtime.testkit.AdminClient;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Datanodes played by the test: registered through the admin API and heartbeating from a background
 * thread until {@link #silence} or {@link #close}. Heartbeats go to whatever controller {@code
 * admin} gives, following redirects to the leader.
 */
final class FakeDatanodes implements AutoCloseable {
    private final Supplier<AdminClient> admin;
    private final Set<String> beating = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heart =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread thread = new Thread(r, "fake-datanode-heartbeats");
                        thread.setDaemon(true);
                        return thread;
                    });

    FakeDatanodes(Supplier<AdminClient> admin, long periodMillis) {
        this.admin = admin;
        heart.scheduleWithFixedDelay(this::beat, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    void register(String alias, int port, String machine, String zone) {
        AdminClient.Response response =
                admin.get()
                        .write(
                                "POST",
                                "/api/nodes",
                                Map.of(
                                        "alias",
                                        alias,
                                        "site",
                                        "127.0.0.1:" + port,
                                        "mode",
                                        "datanode",
                                        "machine",
                                        machine,
                                        "zone",
                                        zone));
        assertThat(response.status())
                .as("registering %s: %s", alias, response.body())
                .isEqualTo(200);
        beating.add(alias);
    }

    /** Stops heartbeating for one node, as if its process died. */
    void silence(String alias) {
        beating.remove(alias);
    }

    private void beat() {
        for (String alias : beating) {
            admin.get().write("POST", "/api/heartbeat", Map.of("alias", alias));
        }
    }

    @Override
    public void close() {
        heart.shutdownNow();
    }
}
