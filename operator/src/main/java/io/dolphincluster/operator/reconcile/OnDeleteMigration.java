package io.dolphincluster.operator.reconcile;

import io.dolphincluster.operator.desired.Role;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a StatefulSet made with the RollingUpdate strategy (by an operator before 0.2, or by hand)
 * to OnDelete. Server-side apply alone cannot: the API server defaulted {@code
 * rollingUpdate.partition}, no field manager owns it, so it would stay, and OnDelete with a {@code
 * rollingUpdate} is invalid.
 */
final class OnDeleteMigration {
    private static final Logger LOG = LoggerFactory.getLogger(OnDeleteMigration.class);
    private static final String PATCH =
            "{\"spec\":{\"updateStrategy\":{\"type\":\"OnDelete\",\"rollingUpdate\":null}}}";

    private OnDeleteMigration() {}

    static void apply(KubernetesClient client, ObservedCluster live) {
        for (Role role : Role.values()) {
            live.statefulSet(role)
                    .filter(OnDeleteMigration::rollsByItself)
                    .ifPresent(
                            statefulSet -> {
                                client.apps()
                                        .statefulSets()
                                        .inNamespace(statefulSet.getMetadata().getNamespace())
                                        .withName(statefulSet.getMetadata().getName())
                                        .patch(PatchContext.of(PatchType.JSON_MERGE), PATCH);
                                LOG.info(
                                        "[{}/{}] update strategy moved to OnDelete: the operator restarts pods itself",
                                        statefulSet.getMetadata().getNamespace(),
                                        statefulSet.getMetadata().getName());
                            });
        }
    }

    private static boolean rollsByItself(StatefulSet statefulSet) {
        return statefulSet.getSpec().getUpdateStrategy() != null
                && !"OnDelete".equals(statefulSet.getSpec().getUpdateStrategy().getType());
    }
}
