package io.dolphincluster.operator.reconcile.dependent;

import io.dolphincluster.operator.desired.ConfigMapDesired;
import io.dolphincluster.operator.desired.Names;
import io.dolphincluster.operator.model.DolphinCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The ConfigMap with the seed's files. */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class ConfigMapDependent extends CRUDKubernetesDependentResource<ConfigMap, DolphinCluster> {

    public ConfigMapDependent() {
        super(ConfigMap.class);
    }

    @Override
    protected ConfigMap desired(DolphinCluster cluster, Context<DolphinCluster> context) {
        return ConfigMapDesired.of(cluster, PlannedSizes.of(cluster, context));
    }
}
