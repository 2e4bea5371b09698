package io.dolphincluster.operator.reconcile.dependent;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which PodDisruptionBudget version the API server serves, asked once per client through discovery:
 * policy/v1 from Kubernetes 1.21 on (the only one from 1.25), policy/v1beta1 before.
 */
final class PolicyApi {
    private static final Map<KubernetesClient, Boolean> V1_SERVED = new ConcurrentHashMap<>();

    private PolicyApi() {}

    static boolean v1Served(KubernetesClient client) {
        return V1_SERVED.computeIfAbsent(client, PolicyApi::askDiscovery);
    }

    private static boolean askDiscovery(KubernetesClient client) {
        APIGroup group = client.getApiGroup("policy");
        return group != null
                && group.getVersions().stream().anyMatch(v -> "v1".equals(v.getVersion()));
    }
}
