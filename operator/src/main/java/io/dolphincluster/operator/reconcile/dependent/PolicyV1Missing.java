package io.dolphincluster.operator.reconcile.dependent;

import io.dolphincluster.operator.model.DolphinCluster;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Activates the policy/v1beta1 PodDisruptionBudgets on servers older than 1.21. */
public class PolicyV1Missing implements Condition<Object, DolphinCluster> {

    @Override
    public boolean isMet(
            DependentResource<Object, DolphinCluster> dependent,
            DolphinCluster cluster,
            Context<DolphinCluster> context) {
        return !PolicyApi.v1Served(context.getClient());
    }
}
