package io.dolphincluster.operator.reconcile.dependent;

import io.dolphincluster.operator.desired.Names;
import io.dolphincluster.operator.desired.Role;
import io.dolphincluster.operator.desired.ServicesDesired;
import io.dolphincluster.operator.model.DolphinCluster;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The controllers' headless Service (stable pod DNS names for Raft). */
// Create-only-if-absent sends resourceVersion "0" with the apply; the Service registry of API
// servers before 1.23 refuses that ("resourceVersion should not be set on objects to be created").
@KubernetesDependent(
        informer = @Informer(labelSelector = Names.MANAGED_SELECTOR),
        createResourceOnlyIfNotExistingWithSSA = false)
public class ControllerServiceDependent
        extends CRUDKubernetesDependentResource<Service, DolphinCluster> {

    public ControllerServiceDependent() {
        super(Service.class);
    }

    @Override
    protected Service desired(DolphinCluster cluster, Context<DolphinCluster> context) {
        return ServicesDesired.headless(cluster, Role.CONTROLLER);
    }
}
