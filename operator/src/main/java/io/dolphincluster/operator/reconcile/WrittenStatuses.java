package io.dolphincluster.operator.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.operator.model.DolphinClusterStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The status this operator last wrote for each cluster (by uid). Right after a status write the
 * informer's copy can still hold the old status; a reconcile in that window would otherwise see the
 * same transition again and announce it twice. The newer of the two is the one written here.
 */
final class WrittenStatuses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, DolphinClusterStatus> written = new ConcurrentHashMap<>();

    /** The status to compare against: the last one written, else the one the resource carries. */
    DolphinClusterStatus previous(DolphinCluster cluster) {
        DolphinClusterStatus mine = written.get(cluster.getMetadata().getUid());
        return mine != null ? mine : cluster.getStatus();
    }

    void remember(DolphinCluster cluster, DolphinClusterStatus status) {
        written.put(cluster.getMetadata().getUid(), status);
    }

    void forget(DolphinCluster cluster) {
        written.remove(cluster.getMetadata().getUid());
    }

    static boolean same(DolphinClusterStatus a, DolphinClusterStatus b) {
        return JSON.valueToTree(a).equals(JSON.valueToTree(b));
    }
}
