package io.dolphincluster.operator.desired;

import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.operator.model.DolphinClusterSpec;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/**
 * PodDisruptionBudgets of a cluster, in both API versions: policy/v1 (servers from 1.21 on, the
 * only one from 1.25) and policy/v1beta1 (older servers); the reconciler picks one from discovery.
 * Controllers may lose at most a minority, (n-1)/2 but at least 1 so a node drain never blocks
 * forever (a one-controller cluster cannot keep answering through a drain anyway); n is the smaller
 * of the spec's count and the pods running now, so a budget never allows more than the group in the
 * middle of a scaling step can lose. Datanodes at most factor-1 (at least 1), so every chunk keeps
 * a replica.
 */
public final class DisruptionBudgets {

    private DisruptionBudgets() {}

    public static int maxUnavailable(DolphinClusterSpec spec, Role role) {
        return maxUnavailable(spec, role, RoleSizes.of(spec));
    }

    public static int maxUnavailable(DolphinClusterSpec spec, Role role, RoleSizes running) {
        int controllers = Math.min(spec.getControllers().getReplicas(), running.controllers());
        int allowed =
                role == Role.CONTROLLER
                        ? (controllers - 1) / 2
                        : spec.getReplication().getFactor() - 1;
        return Math.max(1, allowed);
    }

    public static io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget v1(
            DolphinCluster cluster, Role role) {
        return v1(cluster, role, RoleSizes.of(cluster.specOrDefaults()));
    }

    public static io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget v1(
            DolphinCluster cluster, Role role, RoleSizes running) {
        Names names = new Names(cluster);
        return new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder()
                .withMetadata(metadata(names, role))
                .withNewSpec()
                .withMaxUnavailable(
                        new IntOrString(maxUnavailable(cluster.specOrDefaults(), role, running)))
                .withSelector(
                        new LabelSelectorBuilder().withMatchLabels(names.selector(role)).build())
                .endSpec()
                .build();
    }

    public static io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget v1beta1(
            DolphinCluster cluster, Role role) {
        return v1beta1(cluster, role, RoleSizes.of(cluster.specOrDefaults()));
    }

    public static io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget v1beta1(
            DolphinCluster cluster, Role role, RoleSizes running) {
        Names names = new Names(cluster);
        return new io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudgetBuilder()
                .withMetadata(metadata(names, role))
                .withNewSpec()
                .withMaxUnavailable(
                        new IntOrString(maxUnavailable(cluster.specOrDefaults(), role, running)))
                .withSelector(
                        new LabelSelectorBuilder().withMatchLabels(names.selector(role)).build())
                .endSpec()
                .build();
    }

    private static io.fabric8.kubernetes.api.model.ObjectMeta metadata(Names names, Role role) {
        return new ObjectMetaBuilder()
                .withName(names.of(role))
                .withNamespace(names.namespace())
                .withLabels(names.roleLabels(role))
                .build();
    }
}
