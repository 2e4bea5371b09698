package io.dolphincluster.operator.change;

import static io.dolphincluster.operator.change.FakeLiveCluster.NAMES;
import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.operator.desired.Role;
import org.junit.jupiter.api.Test;

class ChangePlanTest {

    private static FakeLiveCluster settled() {
        FakeLiveCluster live =
                new FakeLiveCluster()
                        .running(Role.CONTROLLER, 3)
                        .running(Role.DATANODE, 3)
                        .group(0, 0, 1, 2);
        for (int i = 0; i < 3; i++) {
            live.datanodeRow(i, false, 4);
        }
        return live;
    }

    @Test
    void aSettledClusterHasNoChange() {
        ChangePlan plan = ChangePlan.of(3, 3, settled(), NAMES);

        assertThat(plan.inProgress()).isFalse();
        assertThat(plan.change()).isEmpty();
        assertThat(plan.controllerReplicas()).isEqualTo(3);
        assertThat(plan.datanodeReplicas()).isEqualTo(3);
    }

    @Test
    void membershipGoesBeforeDatanodesAndRollsWaitForBoth() {
        FakeLiveCluster live = settled().updateRevision(Role.CONTROLLER, "r2");

        ChangePlan both = ChangePlan.of(5, 2, live, NAMES);
        assertThat(both.kind()).isEqualTo(ChangePlan.SCALE_CONTROLLERS);
        assertThat(both.controllerReplicas()).isEqualTo(4);
        assertThat(both.datanodeReplicas())
                .as("no datanode goes before it is drained")
                .isEqualTo(3);

        ChangePlan datanodes = ChangePlan.of(3, 2, live, NAMES);
        assertThat(datanodes.kind()).isEqualTo(ChangePlan.SCALE_DATANODES);
        assertThat(datanodes.step().action()).isEqualTo(Step.Action.DRAIN_DATANODE);

        ChangePlan roll = ChangePlan.of(3, 3, live, NAMES);
        assertThat(roll.kind()).isEqualTo(ChangePlan.ROLL);
        assertThat(roll.change().orElseThrow().getStep()).contains("restarting follower");
    }
}
