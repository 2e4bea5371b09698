package io.dolphincluster.operator.reconcile.dependent;

import io.dolphincluster.operator.desired.DisruptionBudgets;
import io.dolphincluster.operator.desired.Names;
import io.dolphincluster.operator.desired.Role;
import io.dolphincluster.operator.model.DolphinCluster;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The controllers' PodDisruptionBudget (policy/v1, active where the server serves it). */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class ControllerPdbDependent
        extends CRUDKubernetesDependentResource<PodDisruptionBudget, DolphinCluster> {

    public ControllerPdbDependent() {
        super(PodDisruptionBudget.class);
    }

    @Override
    protected PodDisruptionBudget desired(DolphinCluster cluster, Context<DolphinCluster> context) {
        return DisruptionBudgets.v1(cluster, Role.CONTROLLER, PlannedSizes.of(cluster, context));
    }
}
