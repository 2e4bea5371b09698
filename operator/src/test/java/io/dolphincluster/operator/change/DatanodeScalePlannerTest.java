package io.dolphincluster.operator.change;

import static io.dolphincluster.operator.change.FakeLiveCluster.NAMES;
import static io.dolphincluster.operator.change.FakeLiveCluster.datanode;
import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.operator.desired.Role;
import org.junit.jupiter.api.Test;

class DatanodeScalePlannerTest {
    private static final Role D = Role.DATANODE;

    private static FakeLiveCluster fourDatanodes() {
        FakeLiveCluster live = new FakeLiveCluster().running(D, 4);
        for (int i = 0; i < 4; i++) {
            live.datanodeRow(i, false, 7);
        }
        return live;
    }

    @Test
    void scaleDownDrainsFirstAndShrinksOnlyOnceTheDataIsElsewhere() {
        FakeLiveCluster live = fourDatanodes();

        RolePlan drain = DatanodeScalePlanner.plan(3, live, NAMES);
        assertThat(drain.replicas()).isEqualTo(4);
        assertThat(drain.step().action()).isEqualTo(Step.Action.DRAIN_DATANODE);
        assertThat(drain.step().subject()).isEqualTo(datanode(3));

        live.datanodeRow(3, true, 5);
        RolePlan moving = DatanodeScalePlanner.plan(3, live, NAMES);
        assertThat(moving.replicas()).isEqualTo(4);
        assertThat(moving.step().description()).contains(datanode(3) + " (5)");

        live.datanodeRow(3, true, 0);
        RolePlan shrink = DatanodeScalePlanner.plan(3, live, NAMES);
        assertThat(shrink.replicas()).isEqualTo(3);
        assertThat(shrink.step().action()).isEqualTo(Step.Action.WAIT);

        live.statefulSetReplicas(D, 3);
        RolePlan stopping = DatanodeScalePlanner.plan(3, live, NAMES);
        assertThat(stopping.isSettled()).as("the removed pod still runs").isFalse();
        assertThat(stopping.step().action()).isEqualTo(Step.Action.WAIT);
        assertThat(stopping.step().description()).contains(datanode(3) + " to stop");

        live.withoutPod(D, 3);
        Step claim = DatanodeScalePlanner.plan(3, live, NAMES).step();
        assertThat(claim.action()).isEqualTo(Step.Action.DELETE_CLAIM);
        assertThat(claim.subject()).isEqualTo("data-" + datanode(3));

        live.withoutClaim(D, 3);
        Step forget = DatanodeScalePlanner.plan(3, live, NAMES).step();
        assertThat(forget.action()).isEqualTo(Step.Action.FORGET_DATANODE);
        assertThat(forget.subject()).isEqualTo(datanode(3));

        live.forgotten(3);
        assertThat(DatanodeScalePlanner.plan(3, live, NAMES).isSettled()).isTrue();
    }

    @Test
    void aReversedScaleDownKeepsTheDrainedDatanode() {
        FakeLiveCluster live = fourDatanodes().datanodeRow(3, true, 2);

        Step step = DatanodeScalePlanner.plan(4, live, NAMES).step();

        assertThat(step.action()).isEqualTo(Step.Action.UNDRAIN_DATANODE);
        assertThat(step.subject()).isEqualTo(datanode(3));
    }

    @Test
    void scaleUpOnlyAddsPods() {
        FakeLiveCluster live = fourDatanodes();

        RolePlan plan = DatanodeScalePlanner.plan(6, live, NAMES);

        assertThat(plan.replicas()).isEqualTo(6);
        assertThat(plan.step().action()).isEqualTo(Step.Action.WAIT);
        live.statefulSetReplicas(D, 6);
        assertThat(DatanodeScalePlanner.plan(6, live, NAMES).isSettled()).isTrue();
    }

    @Test
    void aDatanodeThatNeverRegisteredHoldsNothingAndGoesAtOnce() {
        FakeLiveCluster live =
                new FakeLiveCluster()
                        .running(D, 4)
                        .datanodeRow(0, false, 3)
                        .datanodeRow(1, false, 3)
                        .datanodeRow(2, false, 3);

        RolePlan plan = DatanodeScalePlanner.plan(3, live, NAMES);

        assertThat(plan.replicas()).isEqualTo(3);
    }
}
