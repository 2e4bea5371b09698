package io.dolphincluster.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.operator.desired.Role;
import io.dolphincluster.operator.desired.StatefulSetDesired;
import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.operator.reconcile.SpecValidation;
import io.fabric8.kubernetes.api.model.Affinity;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The sample DolphinClusters of manifests/: valid, and placed as their comments say. */
class SampleClustersTest {

    private static Affinity affinity(DolphinCluster cluster, Role role) {
        return StatefulSetDesired.of(cluster, role).getSpec().getTemplate().getSpec().getAffinity();
    }

    @Test
    void theProductionSampleRequiresEveryPodOnANodeOfItsOwn() throws IOException {
        DolphinCluster cluster =
                OperatorDeploymentManifestTest.load(
                        "../manifests/cluster.yaml", DolphinCluster.class);

        assertThat(SpecValidation.problems(cluster.specOrDefaults())).isEmpty();
        for (Role role : Role.values()) {
            assertThat(
                            affinity(cluster, role)
                                    .getPodAntiAffinity()
                                    .getRequiredDuringSchedulingIgnoredDuringExecution())
                    .as(role.label())
                    .hasSize(1);
        }
    }

    @Test
    void theDevSampleRequiresNothingOneNodeCannotGive() throws IOException {
        DolphinCluster cluster =
                OperatorDeploymentManifestTest.load(
                        "../manifests/cluster-dev.yaml", DolphinCluster.class);

        assertThat(SpecValidation.problems(cluster.specOrDefaults())).isEmpty();
        for (Role role : Role.values()) {
            Affinity affinity = affinity(cluster, role);
            assertThat(
                            affinity == null
                                    ? java.util.List.of()
                                    : affinity.getPodAntiAffinity()
                                            .getRequiredDuringSchedulingIgnoredDuringExecution())
                    .as(role.label())
                    .isEmpty();
        }
    }
}
