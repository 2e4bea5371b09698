package io.dolphincluster.operator.reconcile;

import io.dolphincluster.operator.desired.Names;
import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.operator.model.VolumeReclaimPolicy;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a deleted cluster's volume claims when its spec says Delete. StatefulSets never delete
 * their claims, and the API servers this operator supports may lack the StatefulSet PVC retention
 * policy, so the operator does it. Claims are found by the cluster's instance and managed-by labels.
 */
public class VolumeCleanup {
  private static final Logger LOG = LoggerFactory.getLogger(VolumeCleanup.class);

  private final KubernetesClient client;

  public VolumeCleanup(KubernetesClient client) {
    this.client = client;
  }

  void deleteIfAsked(DolphinCluster cluster) {
    Names names = new Names(cluster);
    if (cluster.getSpec().getVolumeReclaimPolicy() != VolumeReclaimPolicy.Delete) {
      LOG.info("[{}/{}] deleted; data volumes retained", names.namespace(), names.cluster());
      return;
    }
    List<PersistentVolumeClaim> claims = client.persistentVolumeClaims().inNamespace(names.namespace())
        .withLabel(Names.LABEL_INSTANCE, names.cluster())
        .withLabel(Names.LABEL_MANAGED_BY, Names.MANAGED_BY)
        .list().getItems();
    claims.forEach(claim -> client.resource(claim).delete());
    LOG.info("[{}/{}] deleted; {} data volume claims deleted", names.namespace(), names.cluster(), claims.size());
  }
}
