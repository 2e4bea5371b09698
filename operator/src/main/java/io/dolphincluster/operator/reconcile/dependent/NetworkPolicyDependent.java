package io.dolphincluster.operator.reconcile.dependent;

import io.dolphincluster.operator.desired.Names;
import io.dolphincluster.operator.desired.NetworkPolicyDesired;
import io.dolphincluster.operator.model.DolphinCluster;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The cluster's NetworkPolicy: members talk to each other, clients reach the client ports only. */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class NetworkPolicyDependent
        extends CRUDKubernetesDependentResource<NetworkPolicy, DolphinCluster> {

    public NetworkPolicyDependent() {
        super(NetworkPolicy.class);
    }

    @Override
    protected NetworkPolicy desired(DolphinCluster cluster, Context<DolphinCluster> context) {
        return NetworkPolicyDesired.of(cluster);
    }
}
