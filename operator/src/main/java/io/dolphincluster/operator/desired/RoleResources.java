package io.dolphincluster.operator.desired;

import io.dolphincluster.operator.model.DolphinClusterSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;

/**
 * The container resources of a role: the spec's when it gives any (taken whole, never merged with
 * the defaults), else requests and a memory limit that suit a small cluster. A memory limit bounds
 * the JVM (the heap follows it, see {@link HeapOptions}); there is no CPU limit, since throttling a
 * JVM stalls its heartbeats and Raft timers.
 */
public final class RoleResources {
    public static final String CONTROLLER_CPU_REQUEST = "250m";
    public static final String CONTROLLER_MEMORY_REQUEST = "512Mi";
    public static final String CONTROLLER_MEMORY_LIMIT = "1Gi";
    public static final String DATANODE_CPU_REQUEST = "500m";
    public static final String DATANODE_MEMORY_REQUEST = "1Gi";
    public static final String DATANODE_MEMORY_LIMIT = "2Gi";

    private RoleResources() {}

    public static ResourceRequirements of(DolphinClusterSpec spec, Role role) {
        ResourceRequirements given =
                role == Role.CONTROLLER
                        ? spec.getControllers().getResources()
                        : spec.getDatanodes().getResources();
        return given != null ? given : defaults(role);
    }

    static ResourceRequirements defaults(Role role) {
        boolean controller = role == Role.CONTROLLER;
        return new ResourceRequirementsBuilder()
                .addToRequests(
                        "cpu",
                        new Quantity(controller ? CONTROLLER_CPU_REQUEST : DATANODE_CPU_REQUEST))
                .addToRequests(
                        "memory",
                        new Quantity(
                                controller ? CONTROLLER_MEMORY_REQUEST : DATANODE_MEMORY_REQUEST))
                .addToLimits(
                        "memory",
                        new Quantity(controller ? CONTROLLER_MEMORY_LIMIT : DATANODE_MEMORY_LIMIT))
                .build();
    }
}
