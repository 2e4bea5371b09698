package io.dolphincluster.operator.reconcile.dependent;

import io.dolphincluster.operator.desired.Names;
import io.dolphincluster.operator.desired.Role;
import io.dolphincluster.operator.desired.ServicesDesired;
import io.fabric8.kubernetes.api.model.Service;
import io.dolphincluster.operator.model.DolphinCluster;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The datanodes' headless Service (stable pod DNS names). */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class DatanodeServiceDependent extends CRUDKubernetesDependentResource<Service, DolphinCluster> {

  public DatanodeServiceDependent() {
    super(Service.class);
  }

  @Override
  protected Service desired(DolphinCluster cluster, Context<DolphinCluster> context) {
    return ServicesDesired.headless(cluster, Role.DATANODE);
  }
}
