package io.dolphincluster.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.operator.model.DolphinCluster;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RoleResourcesTest {

    private static Container container(DolphinCluster cluster, Role role) {
        return StatefulSetDesired.of(cluster, role)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
    }

    private static Map<String, String> env(Container container) {
        return container.getEnv().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    @Test
    void withoutResourcesInTheSpecEachRoleGetsRequestsAndAMemoryLimitButNoCpuLimit() {
        ResourceRequirements controller =
                container(TestClusters.demo(), Role.CONTROLLER).getResources();
        ResourceRequirements datanode =
                container(TestClusters.demo(), Role.DATANODE).getResources();

        assertThat(controller.getRequests())
                .containsEntry("cpu", new Quantity("250m"))
                .containsEntry("memory", new Quantity("512Mi"));
        assertThat(controller.getLimits())
                .containsOnlyKeys("memory")
                .containsEntry("memory", new Quantity("1Gi"));
        assertThat(datanode.getRequests())
                .containsEntry("cpu", new Quantity("500m"))
                .containsEntry("memory", new Quantity("1Gi"));
        assertThat(datanode.getLimits())
                .containsOnlyKeys("memory")
                .containsEntry("memory", new Quantity("2Gi"));
    }

    @Test
    void theHeapIsSizedFromTheLimitAndTheUsersJavaOptsStillComeLast() {
        DolphinCluster cluster = TestClusters.demo();
        cluster.getSpec().getDatanodes().setJavaOpts("-Xmx3g -XX:+UseG1GC");

        Map<String, String> datanode = env(container(cluster, Role.DATANODE));
        Map<String, String> controller = env(container(cluster, Role.CONTROLLER));

        assertThat(datanode)
                .containsEntry("DOLPHIN_HEAP_OPTS", HeapOptions.forMemory(2048))
                .containsEntry("DOLPHIN_JAVA_OPTS", "-Xmx3g -XX:+UseG1GC")
                .containsEntry("JAVA_TOOL_OPTIONS", RuntimeContainer.DNS_CACHE_OPTIONS);
        assertThat(controller)
                .containsEntry("DOLPHIN_HEAP_OPTS", HeapOptions.forMemory(1024))
                .doesNotContainKey("DOLPHIN_JAVA_OPTS");
    }

    @Test
    void theSpecsResourcesReplaceTheDefaultsWholeAndSizeTheHeap() {
        DolphinCluster cluster = TestClusters.demo();
        ResourceRequirements mine =
                new ResourceRequirementsBuilder()
                        .addToRequests("cpu", new Quantity("2"))
                        .addToLimits("memory", new Quantity("8Gi"))
                        .build();
        cluster.getSpec().getDatanodes().setResources(mine);

        Container datanode = container(cluster, Role.DATANODE);

        assertThat(datanode.getResources()).isEqualTo(mine);
        assertThat(env(datanode)).containsEntry("DOLPHIN_HEAP_OPTS", HeapOptions.forMemory(8192));
        assertThat(container(cluster, Role.CONTROLLER).getResources())
                .isEqualTo(RoleResources.defaults(Role.CONTROLLER));
    }
}
