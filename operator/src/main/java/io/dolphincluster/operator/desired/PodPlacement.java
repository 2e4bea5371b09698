package io.dolphincluster.operator.desired;

import io.dolphincluster.operator.model.AntiAffinity;
import io.dolphincluster.operator.model.DolphinClusterSpec;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import java.util.List;
import java.util.Objects;

/**
 * Scheduling rules of a role's pods. Controllers are required on distinct nodes (two Raft members
 * on one machine would let one machine take quorum down) unless
 * spec.placement.controllerAntiAffinity says Preferred, for clusters with fewer nodes than
 * controllers. Datanodes follow dfsReplicaReliabilityLevel whatever the controllers do: 1 requires
 * distinct nodes, 2 prefers them, 0 says nothing (replicas may share a machine).
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
        AntiAffinity rule =
                role == Role.CONTROLLER
                        ? Objects.requireNonNullElse(
                                spec.getPlacement().getControllerAntiAffinity(),
                                AntiAffinity.Required)
                        : datanodeRule(spec.getReplication().getReliabilityLevel());
        if (rule == AntiAffinity.Required) {
            return new AffinityBuilder()
                    .withNewPodAntiAffinity()
                    .withRequiredDuringSchedulingIgnoredDuringExecution(hostTerm(role))
                    .endPodAntiAffinity()
                    .build();
        }
        if (rule == AntiAffinity.Preferred) {
            return new AffinityBuilder()
                    .withNewPodAntiAffinity()
                    .addNewPreferredDuringSchedulingIgnoredDuringExecution()
                    .withWeight(100)
                    .withPodAffinityTerm(hostTerm(role))
                    .endPreferredDuringSchedulingIgnoredDuringExecution()
                    .endPodAntiAffinity()
                    .build();
        }
        return null;
    }

    /** The datanodes' rule at a reliability level; null at 0. */
    private static AntiAffinity datanodeRule(int reliabilityLevel) {
        return switch (reliabilityLevel) {
            case 1 -> AntiAffinity.Required;
            case 2 -> AntiAffinity.Preferred;
            default -> null;
        };
    }

    /** Even spreading over zones when the spec asks for it (best effort), else null. */
    public List<TopologySpreadConstraint> zoneSpread(Role role) {
        if (!spec.getPlacement().isSpreadAcrossZones()) {
            return null;
        }
        return List.of(
                new TopologySpreadConstraintBuilder()
                        .withMaxSkew(1)
                        .withTopologyKey(spec.getPlacement().getZoneTopologyKey())
                        .withWhenUnsatisfiable("ScheduleAnyway")
                        .withLabelSelector(
                                new LabelSelectorBuilder()
                                        .withMatchLabels(names.selector(role))
                                        .build())
                        .build());
    }

    private PodAffinityTerm hostTerm(Role role) {
        return new PodAffinityTermBuilder()
                .withTopologyKey(HOSTNAME_KEY)
                .withLabelSelector(
                        new LabelSelectorBuilder().withMatchLabels(names.selector(role)).build())
                .build();
    }
}
