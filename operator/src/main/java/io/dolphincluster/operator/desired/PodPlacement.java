package io.dolphincluster.operator.desired;

import io.dolphincluster.operator.model.DolphinClusterSpec;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import java.util.List;

/**
 * Scheduling rules of a role's pods. Controllers are always required on distinct nodes (two Raft
 * members on one machine would let one machine take quorum down). Datanodes follow
 * dfsReplicaReliabilityLevel: 1 requires distinct nodes, 2 prefers them, 0 says nothing (replicas
 * may share a machine).
 */
public final class PodPlacement {
  public static final String HOSTNAME_KEY = "kubernetes.io/hostname";

  private final Names names;
  private final DolphinClusterSpec spec;

  public PodPlacement(Names names, DolphinClusterSpec spec) {
    this.names = names;
    this.spec = spec;
  }

  /** The pod affinity of a role, or null when the role has no rule. */
  public Affinity affinity(Role role) {
    boolean required = role == Role.CONTROLLER || spec.getReplication().getReliabilityLevel() == 1;
    boolean preferred = role == Role.DATANODE && spec.getReplication().getReliabilityLevel() == 2;
    if (required) {
      return new AffinityBuilder().withNewPodAntiAffinity()
          .withRequiredDuringSchedulingIgnoredDuringExecution(hostTerm(role))
          .endPodAntiAffinity().build();
    }
    if (preferred) {
      return new AffinityBuilder().withNewPodAntiAffinity()
          .addNewPreferredDuringSchedulingIgnoredDuringExecution()
            .withWeight(100)
            .withPodAffinityTerm(hostTerm(role))
          .endPreferredDuringSchedulingIgnoredDuringExecution()
          .endPodAntiAffinity().build();
    }
    return null;
  }

  /** Even spreading over zones when the spec asks for it (best effort), else null. */
  public List<TopologySpreadConstraint> zoneSpread(Role role) {
    if (!spec.getPlacement().isSpreadAcrossZones()) {
      return null;
    }
    return List.of(new TopologySpreadConstraintBuilder()
        .withMaxSkew(1)
        .withTopologyKey(spec.getPlacement().getZoneTopologyKey())
        .withWhenUnsatisfiable("ScheduleAnyway")
        .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(names.selector(role)).build())
        .build());
  }

  private PodAffinityTerm hostTerm(Role role) {
    return new PodAffinityTermBuilder()
        .withTopologyKey(HOSTNAME_KEY)
        .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(names.selector(role)).build())
        .build();
  }
}
