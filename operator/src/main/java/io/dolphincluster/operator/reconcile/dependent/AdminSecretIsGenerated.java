package io.dolphincluster.operator.reconcile.dependent;

import io.dolphincluster.operator.desired.AdminPasswordRef;
import io.dolphincluster.operator.model.DolphinCluster;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** True when the spec references no admin Secret, so the operator generates one. */
public class AdminSecretIsGenerated implements Condition<Secret, DolphinCluster> {

  @Override
  public boolean isMet(DependentResource<Secret, DolphinCluster> dependent, DolphinCluster cluster,
      Context<DolphinCluster> context) {
    return AdminPasswordRef.of(cluster).generated();
  }
}
