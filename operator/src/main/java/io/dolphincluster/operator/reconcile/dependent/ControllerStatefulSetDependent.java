package io.dolphincluster.operator.reconcile.dependent;

import io.dolphincluster.operator.desired.Names;
import io.dolphincluster.operator.desired.Role;
import io.dolphincluster.operator.desired.StatefulSetDesired;
import io.dolphincluster.operator.model.DolphinCluster;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The controllers' StatefulSet. */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class ControllerStatefulSetDependent
        extends CRUDKubernetesDependentResource<StatefulSet, DolphinCluster> {

    public ControllerStatefulSetDependent() {
        super(StatefulSet.class);
    }

    @Override
    protected StatefulSet desired(DolphinCluster cluster, Context<DolphinCluster> context) {
        return StatefulSetDesired.of(cluster, Role.CONTROLLER, PlannedSizes.of(cluster, context));
    }
}
