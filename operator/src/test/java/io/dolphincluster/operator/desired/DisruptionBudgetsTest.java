package io.dolphincluster.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.operator.model.DolphinCluster;
import org.junit.jupiter.api.Test;

class DisruptionBudgetsTest {

    @Test
    void controllersMayLoseOnlyAMinority() {
        DolphinCluster cluster = TestClusters.demo();
        int[][] expected = {{1, 1}, {3, 1}, {5, 2}, {7, 3}};
        for (int[] pair : expected) {
            cluster.getSpec().getControllers().setReplicas(pair[0]);
            assertThat(DisruptionBudgets.maxUnavailable(cluster.getSpec(), Role.CONTROLLER))
                    .as("controllers=%d", pair[0])
                    .isEqualTo(pair[1]);
        }
    }

    @Test
    void datanodesMayLoseOneFewerThanTheReplicationFactor() {
        DolphinCluster cluster = TestClusters.demo();
        cluster.getSpec().getReplication().setFactor(3);
        cluster.getSpec().getDatanodes().setReplicas(5);

        assertThat(
                        DisruptionBudgets.v1(cluster, Role.DATANODE)
                                .getSpec()
                                .getMaxUnavailable()
                                .getIntVal())
                .isEqualTo(2);
        assertThat(
                        DisruptionBudgets.v1beta1(cluster, Role.DATANODE)
                                .getSpec()
                                .getMaxUnavailable()
                                .getIntVal())
                .isEqualTo(2);
    }
}
