package io.dolphincluster.runtime.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;

/**
 * A 3-member etcd cluster as a {@link FailoverSubject}: writes are puts through the v3 JSON
 * gateway, each attempt bounded by a short request timeout as a client with a deadline would do.
 */
final class EtcdFailover implements FailoverSubject {
    private static final String KEY = "failover";
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(1);

    private final EtcdCluster cluster;
    private final List<EtcdKvTarget> members = new ArrayList<>();
    private final Duration bound;
    private int victim = -1;
    private List<EtcdKvTarget> survivors;

    private EtcdFailover(EtcdCluster cluster, Duration bound) {
        this.cluster = cluster;
        this.bound = bound;
        for (URI url : cluster.clientUrls()) {
            members.add(new EtcdKvTarget(url, ATTEMPT_TIMEOUT));
        }
    }

    static EtcdFailover start(Path root, Duration bound) throws Exception {
        return new EtcdFailover(EtcdCluster.start(root, bound), bound);
    }

    @Override
    public String name() {
        return "etcd";
    }

    @Override
    public String killLeader() throws InterruptedException {
        victim = cluster.leaderIndex();
        List<EtcdKvTarget> rest = new ArrayList<>(members);
        rest.remove(victim);
        survivors = rest;
        cluster.kill(victim);
        return "etcd" + victim;
    }

    @Override
    public CompletableFuture<Boolean> write(int attempt, String value) {
        // bounded by the request's own timeout (ATTEMPT_TIMEOUT)
        return survivors
                .get(attempt % 2)
                .put(KEY, value.getBytes(StandardCharsets.UTF_8))
                .handle((ok, refusedOrTimedOut) -> refusedOrTimedOut == null);
    }

    /**
     * etcd's health answers true once the member has a leader again; then a serializable read (the
     * member's own state, not the leader's) shows when it has applied the last write.
     */
    @Override
    public void reviveVictim(String value) throws Exception {
        cluster.restart(victim, bound);
        EtcdKvTarget revived = members.get(victim);
        Awaitility.await("restarted etcd" + victim + " caught up")
                .atMost(bound)
                .ignoreExceptions()
                .until(() -> revived.readLocal(KEY).filter(value::equals).isPresent());
    }

    @Override
    public void close() {
        members.forEach(EtcdKvTarget::close);
        cluster.close();
    }
}
