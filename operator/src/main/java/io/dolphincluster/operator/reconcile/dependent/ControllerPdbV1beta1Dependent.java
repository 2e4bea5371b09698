package io.dolphincluster.operator.reconcile.dependent;

import io.dolphincluster.operator.desired.DisruptionBudgets;
import io.dolphincluster.operator.desired.Names;
import io.dolphincluster.operator.desired.Role;
import io.dolphincluster.operator.model.DolphinCluster;
import io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The controllers' PodDisruptionBudget on servers without policy/v1 (before 1.21). */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class ControllerPdbV1beta1Dependent
        extends CRUDKubernetesDependentResource<PodDisruptionBudget, DolphinCluster> {

    public ControllerPdbV1beta1Dependent() {
        super(PodDisruptionBudget.class);
    }

    @Override
    protected PodDisruptionBudget desired(DolphinCluster cluster, Context<DolphinCluster> context) {
        return DisruptionBudgets.v1beta1(
                cluster, Role.CONTROLLER, PlannedSizes.of(cluster, context));
    }
}
