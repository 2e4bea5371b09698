package io.dolphincluster.operator.reconcile;

import io.dolphincluster.operator.desired.Names;
import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.operator.model.VolumeReclaimPolicy;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a deleted cluster's volume claims when its spec says Delete. StatefulSets never delete
 * their claims, and the API servers this operator supports may lack the StatefulSet PVC retention
 * policy, so the operator does it: first the StatefulSets (a live StatefulSet would create the
 * claims again for its pods), then, once they are gone, the claims. Found by the cluster's instance
 * and managed-by labels.
 */
public class VolumeCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeCleanup.class);

    /**
     * How long after deleting claims a pass must find none before the cleanup is done. The
     * StatefulSet controller may still be in the middle of a sync that creates claims for a set it
     * has not yet seen deleted; a confirming pass that an event triggers a few milliseconds later
     * would miss them.
     */
    static final Duration CONFIRM_AFTER = Duration.ofSeconds(2);

    private final KubernetesClient client;
    private final Map<String, Long> claimsDeletedAt = new ConcurrentHashMap<>();

    public VolumeCleanup(KubernetesClient client) {
        this.client = client;
    }

    /**
     * @return true when done (or nothing to do), false when StatefulSets are still going away
     */
    boolean deleteIfAsked(DolphinCluster cluster) {
        Names names = new Names(cluster);
        if (cluster.specOrDefaults().getVolumeReclaimPolicy() != VolumeReclaimPolicy.Delete) {
            LOG.info("[{}/{}] deleted; data volumes retained", names.namespace(), names.cluster());
            return true;
        }
        List<StatefulSet> statefulSets =
                client.apps()
                        .statefulSets()
                        .inNamespace(names.namespace())
                        .withLabels(labels(names))
                        .list()
                        .getItems();
        if (!statefulSets.isEmpty()) {
            statefulSets.forEach(s -> client.resource(s).delete());
            LOG.info(
                    "[{}/{}] deleting; waiting for {} StatefulSets to go before deleting volumes",
                    names.namespace(),
                    names.cluster(),
                    statefulSets.size());
            return false;
        }
        if (!client.pods()
                .inNamespace(names.namespace())
                .withLabels(labels(names))
                .list()
                .getItems()
                .isEmpty()) {
            return false;
        }
        List<PersistentVolumeClaim> claims =
                client
                        .persistentVolumeClaims()
                        .inNamespace(names.namespace())
                        .withLabels(labels(names))
                        .list()
                        .getItems()
                        .stream()
                        .filter(claim -> claim.getMetadata().getDeletionTimestamp() == null)
                        .toList();
        String key = names.namespace() + "/" + names.cluster();
        if (!claims.isEmpty()) {
            // Not done yet: a pass at least CONFIRM_AFTER later confirms no claim appeared
            // meanwhile.
            claims.forEach(claim -> client.resource(claim).delete());
            claimsDeletedAt.put(key, System.nanoTime());
            LOG.info(
                    "[{}/{}] deleting; {} data volume claims deleted",
                    names.namespace(),
                    names.cluster(),
                    claims.size());
            return false;
        }
        Long deletedAt = claimsDeletedAt.get(key);
        if (deletedAt != null && System.nanoTime() - deletedAt < CONFIRM_AFTER.toNanos()) {
            return false;
        }
        claimsDeletedAt.remove(key);
        LOG.info("[{}/{}] deleted with its data volumes", names.namespace(), names.cluster());
        return true;
    }

    private static Map<String, String> labels(Names names) {
        return Map.of(
                Names.LABEL_INSTANCE, names.cluster(), Names.LABEL_MANAGED_BY, Names.MANAGED_BY);
    }
}
