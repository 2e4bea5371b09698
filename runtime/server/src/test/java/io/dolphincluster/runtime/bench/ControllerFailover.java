package io.dolphincluster.runtime.bench;

import io.dolphincluster.runtime.testkit.AdminClient;
import io.dolphincluster.runtime.testkit.ControllerCluster;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;

/** The controllers' Raft group as a {@link FailoverSubject}: writes are config puts. */
final class ControllerFailover implements FailoverSubject {
    private static final String KEY = "failover";

    private final ControllerCluster cluster;
    private final Duration bound;
    private final ExecutorService attempts =
            Executors.newCachedThreadPool(new DaemonThreadFactory("controller-failover-write"));
    private ControllerProcess victim;
    private List<ControllerProcess> survivors;

    private ControllerFailover(ControllerCluster cluster, Duration bound) {
        this.cluster = cluster;
        this.bound = bound;
    }

    static ControllerFailover start(Path root, Duration bound, Map<String, String> settings)
            throws Exception {
        ControllerCluster cluster = ControllerCluster.create(root, 3, settings);
        try {
            cluster.startAll();
            cluster.awaitLeader(bound);
            return new ControllerFailover(cluster, bound);
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "controllers";
    }

    @Override
    public String killLeader() throws InterruptedException {
        String leader = cluster.awaitLeader(bound, cluster.all());
        victim = cluster.get(leader);
        survivors = cluster.all().stream().filter(c -> c != victim).toList();
        victim.kill();
        return leader;
    }

    @Override
    public CompletableFuture<Boolean> write(int attempt, String value) {
        AdminClient survivor = survivors.get(attempt % 2).admin();
        return CompletableFuture.supplyAsync(() -> survivor.putConfig(KEY, value).ok(), attempts)
                .exceptionally(failure -> false);
    }

    @Override
    public void reviveVictim(String value) throws Exception {
        victim.start();
        Awaitility.await("restarted " + victim.alias() + " caught up")
                .atMost(bound)
                .ignoreExceptions()
                .until(() -> value.equals(victim.admin().config().get(KEY)));
    }

    @Override
    public void close() {
        attempts.shutdownNow();
        cluster.close();
    }
}
