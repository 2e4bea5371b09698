package io.dolphincluster.operator.reconcile.dependent;

import io.dolphincluster.operator.model.DolphinCluster;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Activates the policy/v1 PodDisruptionBudgets where the server serves that version. */
public class PolicyV1Served implements Condition<Object, DolphinCluster> {

    @Override
    public boolean isMet(
            DependentResource<Object, DolphinCluster> dependent,
            DolphinCluster cluster,
            Context<DolphinCluster> context) {
        return PolicyApi.v1Served(context.getClient());
    }
}
