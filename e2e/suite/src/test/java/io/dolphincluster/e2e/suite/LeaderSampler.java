package io.dolphincluster.e2e.suite;

import com.fasterxml.jackson.databind.JsonNode;
import io.dolphincluster.adminapi.AdminRoutes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@value #PERIOD_MILLIS} ms asks each controller (addresses from {@code controllers}, looked
 * up again each time: pods come and go) for {@code /api/leader}; a sample finds a leader when some
 * controller answers that it is the leader itself ({@code alias == answeredBy}), which a stale
 * follower cannot fake. Each sample goes to {@link PhaseFigures#leaderSample}. {@link #close} stops
 * the thread.
 */
final class LeaderSampler implements AutoCloseable {
    static final long PERIOD_MILLIS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(LeaderSampler.class);
    private static final Duration ASK_TIMEOUT = Duration.ofMillis(800);

    private final Supplier<List<String>> controllers;
    private final PhaseFigures figures;
    private final String adminPassword;
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "leader-sampler");
                        t.setDaemon(true);
                        return t;
                    });
    private final ClusterCaTrust tls;
    private final AtomicInteger samples = new AtomicInteger();
    private volatile String lastLeader;

    LeaderSampler(
            Supplier<List<String>> controllerAddresses,
            PhaseFigures figures,
            ClusterCaTrust tls,
            String adminPassword) {
        this.tls = tls;
        this.adminPassword = adminPassword;
        this.controllers = controllerAddresses;
        this.figures = figures;
    }

    LeaderSampler start() {
        thread.scheduleWithFixedDelay(this::sample, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    int samples() {
        return samples.get();
    }

    private void sample() {
        String leader = null;
        try {
            for (String address : controllers.get()) {
                leader = leaderAt(tls, address, adminPassword);
                if (leader != null) break;
            }
        } catch (RuntimeException e) {
            LOG.debug("[leader-sampler] cannot list controllers: {}", e.toString());
        }
        figures.leaderSample(leader != null);
        samples.incrementAndGet();
        if (leader != null && !leader.equals(lastLeader)) {
            LOG.info("[leader-sampler] leader is {}", leader);
            lastLeader = leader;
        }
    }

    /** The alias of the controller at {@code address} if it answers as the leader, else null. */
    static String leaderAt(ClusterCaTrust tls, String address, String adminPassword) {
        try {
            JsonNode answer =
                    AdminApi.get(tls, address, AdminRoutes.LEADER, adminPassword, ASK_TIMEOUT);
            String alias = answer.path("alias").asText("");
            return !alias.isEmpty() && alias.equals(answer.path("answeredBy").asText())
                    ? alias
                    : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
