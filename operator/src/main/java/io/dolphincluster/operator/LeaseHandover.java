package io.dolphincluster.operator;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the operator adds to JOSDK's leader election. A replica that loses its Lease while running
 * exits, so that it stops reconciling. A replica that is stopped (SIGTERM: a rollout, a drained
 * node) first lets the reconciliations in flight finish, then hands its Lease back, so a standby
 * leads within its retry period instead of waiting out the lease duration. JOSDK does neither by
 * itself: with leader election on it installs no shutdown hook, and it never releases the Lease.
 */
public final class LeaseHandover {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseHandover.class);

    private final KubernetesClient client;
    private final OperatorSettings settings;
    private final AtomicBoolean stopping = new AtomicBoolean();

    public LeaseHandover(KubernetesClient client, OperatorSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    LeaderCallbacks callbacks() {
        return new LeaderCallbacks(
                () -> LOG.info("[operator] {} leads", settings.identity()),
                this::lostLeadership,
                leader -> LOG.info("[operator] the Lease is held by {}", leader));
    }

    private void lostLeadership() {
        if (stopping.get()) {
            return;
        }
        if (settings.exitOnLostLeadership()) {
            LOG.error("[operator] {} lost its Lease; exiting", settings.identity());
            // Not on this callback's thread: the shutdown hook's stop() waits for JOSDK's
            // executors,
            // this thread among them.
            new Thread(() -> System.exit(1), "operator-exit").start();
            return;
        }
        LOG.warn("[operator] {} lost its Lease", settings.identity());
    }

    /**
     * Stops {@code operator} (reconciliations in flight finish first: {@link DrainingOperator}),
     * then releases the Lease if this replica holds it.
     */
    public void stop(Operator operator) {
        stopping.set(true);
        operator.stop();
        if (settings.leaderElection()) {
            release();
        }
    }

    /** Empties the Lease's holder, as client-go's ReleaseOnCancel does; a newer holder is kept. */
    void release() {
        var leases = client.leases().inNamespace(settings.leaseNamespace());
        Lease lease = leases.withName(settings.leaseName()).get();
        if (lease == null || !settings.identity().equals(lease.getSpec().getHolderIdentity())) {
            return;
        }
        ZonedDateTime now = ZonedDateTime.now();
        lease.getSpec().setHolderIdentity(null);
        lease.getSpec().setLeaseDurationSeconds(1);
        lease.getSpec().setAcquireTime(now);
        lease.getSpec().setRenewTime(now);
        try {
            // update() sends the resourceVersion read above: a Lease changed since is left alone.
            leases.resource(lease).update();
            LOG.info("[operator] {} released its Lease", settings.identity());
        } catch (KubernetesClientException e) {
            LOG.warn(
                    "[operator] {} could not release its Lease ({}); a standby takes over when it"
                            + " expires",
                    settings.identity(),
                    e.getMessage());
        }
    }
}
