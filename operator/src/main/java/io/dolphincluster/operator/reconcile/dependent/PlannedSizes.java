package io.dolphincluster.operator.reconcile.dependent;

import io.dolphincluster.operator.desired.RoleSizes;
import io.dolphincluster.operator.model.DolphinCluster;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * Hands the pod counts the reconciler planned for this pass to the dependents (StatefulSets, the
 * ConfigMap's cluster.nodes, the PodDisruptionBudgets); the spec's counts when nothing was planned.
 */
public final class PlannedSizes {
    private static final String KEY = "dolphincluster.io/planned-sizes";

    private PlannedSizes() {}

    public static void put(Context<DolphinCluster> context, RoleSizes sizes) {
        context.managedWorkflowAndDependentResourceContext().put(KEY, sizes);
    }

    static RoleSizes of(DolphinCluster cluster, Context<DolphinCluster> context) {
        return context.managedWorkflowAndDependentResourceContext()
                .get(KEY, RoleSizes.class)
                .orElseGet(() -> RoleSizes.of(cluster.specOrDefaults()));
    }
}
