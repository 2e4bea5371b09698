package io.dolphincluster.operator.reconcile.dependent;

import io.dolphincluster.operator.desired.AdminSecretDesired;
import io.dolphincluster.operator.desired.Names;
import io.dolphincluster.operator.model.DolphinCluster;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;

/**
 * The generated admin Secret, created once when the spec references none and never updated (a
 * new random password on every reconcile would lock the admin out). Owned by the cluster.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class AdminSecretDependent extends KubernetesDependentResource<Secret, DolphinCluster>
    implements Creator<Secret, DolphinCluster>, GarbageCollected<DolphinCluster> {

  public AdminSecretDependent() {
    super(Secret.class);
  }

  @Override
  protected Secret desired(DolphinCluster cluster, Context<DolphinCluster> context) {
    return AdminSecretDesired.of(cluster, AdminSecretDesired.randomPassword());
  }
}
