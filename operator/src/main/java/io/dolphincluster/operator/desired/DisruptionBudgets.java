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
 * forever; datanodes at most factor-1 (at least 1), so every chunk keeps a replica.
 */
public final class DisruptionBudgets {

  private DisruptionBudgets() {
  }

  public static int maxUnavailable(DolphinClusterSpec spec, Role role) {
    int allowed = role == Role.CONTROLLER
        ? (spec.getControllers().getReplicas() - 1) / 2
        : spec.getReplication().getFactor() - 1;
    return Math.max(1, allowed);
  }

  public static io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget v1(DolphinCluster cluster, Role role) {
    Names names = new Names(cluster);
    return new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder()
        .withMetadata(metadata(names, role))
        .withNewSpec()
          .withMaxUnavailable(new IntOrString(maxUnavailable(cluster.specOrDefaults(), role)))
          .withSelector(new LabelSelectorBuilder().withMatchLabels(names.selector(role)).build())
        .endSpec()
        .build();
  }

  public static io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget v1beta1(
      DolphinCluster cluster, Role role) {
    Names names = new Names(cluster);
    return new io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudgetBuilder()
        .withMetadata(metadata(names, role))
        .withNewSpec()
          .withMaxUnavailable(new IntOrString(maxUnavailable(cluster.specOrDefaults(), role)))
          .withSelector(new LabelSelectorBuilder().withMatchLabels(names.selector(role)).build())
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
