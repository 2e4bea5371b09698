package io.dolphincluster.operator.change;

import static io.dolphincluster.operator.change.FakeLiveCluster.NAMES;
import static io.dolphincluster.operator.change.FakeLiveCluster.controller;
import static io.dolphincluster.operator.change.FakeLiveCluster.datanode;
import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.operator.desired.Role;
import org.junit.jupiter.api.Test;

class RollingRestartPlannerTest {
    private static final Role C = Role.CONTROLLER;
    private static final Role D = Role.DATANODE;

    private static FakeLiveCluster threeAndThreeOnANewRevision(int leader) {
        return new FakeLiveCluster()
                .running(C, 3)
                .running(D, 3)
                .group(leader, 0, 1, 2)
                .updateRevision(C, "r2")
                .updateRevision(D, "r2");
    }

    private static Step next(FakeLiveCluster live) {
        return RollingRestartPlanner.next(live, NAMES).orElseThrow().step();
    }

    @Test
    void followersGoFirstHighestOrdinalFirst() {
        Step step = next(threeAndThreeOnANewRevision(2));

        assertThat(step.action()).isEqualTo(Step.Action.DELETE_POD);
        assertThat(step.subject()).isEqualTo(controller(1));
    }

    @Test
    void theLeaderGoesLastAfterLeadershipMovedToAnUpdatedFollower() {
        FakeLiveCluster live =
                threeAndThreeOnANewRevision(2).pod(C, 0, true, "r2").pod(C, 1, true, "r2");

        Step transfer = next(live);
        assertThat(transfer.action()).isEqualTo(Step.Action.TRANSFER_LEADERSHIP);
        assertThat(transfer.subject()).isEqualTo(controller(0));

        live.group(0, 0, 1, 2);
        Step restart = next(live);
        assertThat(restart.action()).isEqualTo(Step.Action.DELETE_POD);
        assertThat(restart.subject()).isEqualTo(controller(2));
    }

    @Test
    void thePodRestartedLastMustBeReadyBeforeTheNext() {
        FakeLiveCluster live = threeAndThreeOnANewRevision(2).pod(C, 1, false, "r2");

        assertThat(next(live).action()).isEqualTo(Step.Action.WAIT);
        live.withoutPod(C, 1);
        assertThat(next(live).action()).isEqualTo(Step.Action.WAIT);
    }

    @Test
    void theDatanodesWaitForTheLastControllerToBeBack() {
        FakeLiveCluster live =
                threeAndThreeOnANewRevision(0)
                        .pod(C, 1, true, "r2")
                        .pod(C, 2, true, "r2")
                        .withoutPod(C, 0);

        assertThat(next(live).action()).isEqualTo(Step.Action.WAIT);
        live.pod(C, 0, false, "r2");
        assertThat(next(live).action()).isEqualTo(Step.Action.WAIT);
        live.pod(C, 0, true, "r2");
        assertThat(next(live).action()).isEqualTo(Step.Action.DELETE_POD);
    }

    @Test
    void anOutdatedPodThatIsNotReadyIsRestartedFirst() {
        FakeLiveCluster live = threeAndThreeOnANewRevision(0).pod(D, 1, false, "r1");

        Step step = next(live);

        assertThat(step.action()).isEqualTo(Step.Action.DELETE_POD);
        assertThat(step.subject()).isEqualTo(datanode(1));
    }

    @Test
    void aControllerOutOfTheGroupHoldsTheRoll() {
        FakeLiveCluster live = threeAndThreeOnANewRevision(0).group(0, 0, 1);

        assertThat(next(live).description()).contains("back in the group");
    }

    @Test
    void aSingleControllerIsRestartedInPlace() {
        FakeLiveCluster live =
                new FakeLiveCluster().running(C, 1).group(0, 0).updateRevision(C, "r2");

        Step step = next(live);

        assertThat(step.action()).isEqualTo(Step.Action.DELETE_POD);
        assertThat(step.subject()).isEqualTo(controller(0));
    }

    @Test
    void datanodesFollowTheControllersOnlyWhileEveryChunkIsHealthy() {
        FakeLiveCluster live =
                threeAndThreeOnANewRevision(0)
                        .pod(C, 0, true, "r2")
                        .pod(C, 1, true, "r2")
                        .pod(C, 2, true, "r2")
                        .chunksHealthy(false);

        assertThat(next(live).action()).isEqualTo(Step.Action.WAIT);
        assertThat(next(live).description()).contains("in sync");

        live.chunksHealthy(true);
        Step step = next(live);
        assertThat(step.action()).isEqualTo(Step.Action.DELETE_POD);
        assertThat(step.subject()).isEqualTo(datanode(2));

        live.chunksHealthy(null);
        assertThat(next(live).action())
                .as("unknown health is not healthy")
                .isEqualTo(Step.Action.WAIT);
    }

    @Test
    void nothingToRollWhenEveryPodIsOnItsRevision() {
        FakeLiveCluster live = new FakeLiveCluster().running(C, 3).running(D, 3).group(0, 0, 1, 2);

        assertThat(RollingRestartPlanner.next(live, NAMES)).isEmpty();
    }
}
