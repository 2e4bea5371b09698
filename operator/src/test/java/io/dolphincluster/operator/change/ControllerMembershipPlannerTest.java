package io.dolphincluster.operator.change;

import static io.dolphincluster.operator.change.FakeLiveCluster.NAMES;
import static io.dolphincluster.operator.change.FakeLiveCluster.controller;
import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.operator.desired.Role;
import io.dolphincluster.operator.runtime.JoinState;
import io.dolphincluster.operator.runtime.RaftGroupView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControllerMembershipPlannerTest {
    private static final Role C = Role.CONTROLLER;

    @Test
    void aNewClusterStartsEveryControllerAtOnce() {
        RolePlan plan = ControllerMembershipPlanner.plan(3, new FakeLiveCluster(), NAMES);

        assertThat(plan.isSettled()).isTrue();
        assertThat(plan.replicas()).isEqualTo(3);
    }

    @Test
    void growingStartsOnePodThenAddsItOnceItWaitsToJoin() {
        FakeLiveCluster live = new FakeLiveCluster().running(C, 1).group(0, 0);

        RolePlan start = ControllerMembershipPlanner.plan(3, live, NAMES);
        assertThat(start.replicas()).isEqualTo(2);
        assertThat(start.step().action()).isEqualTo(Step.Action.WAIT);

        live.statefulSetReplicas(C, 2).pod(C, 1, false, "r1");
        assertThat(ControllerMembershipPlanner.plan(3, live, NAMES).step().description())
                .startsWith("waiting for " + controller(1) + " to answer")
                .contains("see its log");

        live.joinState(1, JoinState.STARTING);
        assertThat(ControllerMembershipPlanner.plan(3, live, NAMES).step().description())
                .isEqualTo("waiting for " + controller(1) + " to finish starting and ask to join");

        live.asksToJoin(1);
        RolePlan add = ControllerMembershipPlanner.plan(3, live, NAMES);
        assertThat(add.replicas()).isEqualTo(2);
        assertThat(add.step().action()).isEqualTo(Step.Action.ADD_MEMBER);
        assertThat(add.step().subject()).isEqualTo(controller(1));
        assertThat(add.step().expectedMembers()).containsExactly(controller(0));
    }

    @Test
    void aPodThatSaysItIsAMemberOfAnotherGroupIsNotAddedAndTheStepSaysWhy() {
        FakeLiveCluster live =
                new FakeLiveCluster()
                        .running(C, 2)
                        .group(0, 0)
                        .joinState(1, JoinState.MEMBER_ELSEWHERE);

        Step step = ControllerMembershipPlanner.plan(3, live, NAMES).step();

        assertThat(step.action()).isEqualTo(Step.Action.WAIT);
        assertThat(step.description())
                .startsWith(controller(1) + " says it is a member of a group")
                .contains("another group's state");
    }

    @Test
    void theNextPeerWaitsUntilEveryMemberIsReady() {
        FakeLiveCluster live =
                new FakeLiveCluster()
                        .running(C, 3)
                        .group(0, 0, 1)
                        .pod(C, 1, false, "r1")
                        .asksToJoin(2);

        RolePlan plan = ControllerMembershipPlanner.plan(3, live, NAMES);

        assertThat(plan.step().action()).isEqualTo(Step.Action.WAIT);
        assertThat(plan.step().description()).contains("every member to be ready");
    }

    @Test
    void removingTheLeaderFirstMovesLeadershipToTheLowestMember() {
        FakeLiveCluster live = new FakeLiveCluster().running(C, 3).group(2, 0, 1, 2);

        Step step = ControllerMembershipPlanner.plan(1, live, NAMES).step();

        assertThat(step.action()).isEqualTo(Step.Action.TRANSFER_LEADERSHIP);
        assertThat(step.subject()).isEqualTo(controller(0));
    }

    @Test
    void aRemovedPeerIsStoppedAndItsClaimDeletedBeforeTheNextGoes() {
        FakeLiveCluster live = new FakeLiveCluster().running(C, 3).group(0, 0, 1);

        RolePlan shrink = ControllerMembershipPlanner.plan(1, live, NAMES);
        assertThat(shrink.replicas()).isEqualTo(2);
        assertThat(shrink.step().action()).isEqualTo(Step.Action.WAIT);

        live.statefulSetReplicas(C, 2).withoutPod(C, 2);
        Step claim = ControllerMembershipPlanner.plan(1, live, NAMES).step();
        assertThat(claim.action()).isEqualTo(Step.Action.DELETE_CLAIM);
        assertThat(claim.subject()).isEqualTo("data-" + controller(2));

        live.claim(C, 2, true);
        assertThat(ControllerMembershipPlanner.plan(1, live, NAMES).step().description())
                .contains("to be deleted");

        live.withoutClaim(C, 2);
        Step remove = ControllerMembershipPlanner.plan(1, live, NAMES).step();
        assertThat(remove.action()).isEqualTo(Step.Action.REMOVE_MEMBER);
        assertThat(remove.subject()).isEqualTo(controller(1));
        assertThat(remove.expectedMembers()).containsExactly(controller(0), controller(1));
    }

    @Test
    void aStaleClaimIsDeletedBeforeTheStatefulSetGrowsOverIt() {
        FakeLiveCluster live = new FakeLiveCluster().running(C, 1).group(0, 0).claim(C, 1, false);

        RolePlan plan = ControllerMembershipPlanner.plan(3, live, NAMES);

        assertThat(plan.replicas()).isEqualTo(1);
        assertThat(plan.step().action()).isEqualTo(Step.Action.DELETE_CLAIM);
    }

    @Test
    void aReversedTargetRemovesThePeerJustAdded() {
        FakeLiveCluster live = new FakeLiveCluster().running(C, 4).group(0, 0, 1, 2, 3);

        Step step = ControllerMembershipPlanner.plan(3, live, NAMES).step();

        assertThat(step.action()).isEqualTo(Step.Action.REMOVE_MEMBER);
        assertThat(step.subject()).isEqualTo(controller(3));
    }

    @Test
    void withoutALeaderNothingMoves() {
        FakeLiveCluster live = new FakeLiveCluster().running(C, 3).noLeader();

        RolePlan plan = ControllerMembershipPlanner.plan(5, live, NAMES);

        assertThat(plan.replicas()).isEqualTo(3);
        assertThat(plan.step().action()).isEqualTo(Step.Action.WAIT);
    }

    @Test
    void aMemberTheOperatorDoesNotManageStopsTheChange() {
        FakeLiveCluster live =
                new FakeLiveCluster()
                        .running(C, 1)
                        .group(
                                new RaftGroupView(
                                        controller(0), List.of(controller(0), "stranger")));

        RolePlan plan = ControllerMembershipPlanner.plan(3, live, NAMES);

        assertThat(plan.step().description()).contains("stranger");
        assertThat(plan.replicas()).isEqualTo(1);
    }

    /**
     * Every step 1→3→5→3→1, applying each step's effect, resuming from the state alone after each.
     */
    @Test
    void oneToFiveAndBackChangesOnePeerAtATime() {
        Cluster cluster = new Cluster();
        assertThat(cluster.scaleTo(3)).containsExactly("ADD_MEMBER 1", "ADD_MEMBER 2");
        assertThat(cluster.scaleTo(5)).containsExactly("ADD_MEMBER 3", "ADD_MEMBER 4");
        cluster.leader = 4;
        assertThat(cluster.scaleTo(3))
                .containsExactly(
                        "TRANSFER_LEADERSHIP 0",
                        "REMOVE_MEMBER 4",
                        "DELETE_CLAIM 4",
                        "REMOVE_MEMBER 3",
                        "DELETE_CLAIM 3");
        assertThat(cluster.scaleTo(1))
                .containsExactly(
                        "REMOVE_MEMBER 2", "DELETE_CLAIM 2", "REMOVE_MEMBER 1", "DELETE_CLAIM 1");
        assertThat(cluster.members).containsExactly(0);
    }

    /** A tiny model of the StatefulSet controller and the Raft group, driven by the plans. */
    private static final class Cluster {
        final List<Integer> members = new ArrayList<>(List.of(0));
        int replicas = 1;
        int leader = 0;
        final List<Integer> claims = new ArrayList<>(List.of(0));
        final List<Integer> pods = new ArrayList<>(List.of(0));

        List<String> scaleTo(int target) {
            List<String> actions = new ArrayList<>();
            for (int pass = 0; pass < 100; pass++) {
                RolePlan plan = ControllerMembershipPlanner.plan(target, live(), NAMES);
                replicas = plan.replicas();
                pods.removeIf(p -> p >= replicas);
                for (int p = 0; p < replicas; p++) {
                    if (!pods.contains(p)) {
                        pods.add(p);
                        if (!claims.contains(p)) {
                            claims.add(p);
                        }
                    }
                }
                if (plan.isSettled()) {
                    return actions;
                }
                Step step = plan.step();
                if (step.action() != Step.Action.WAIT) {
                    String subject = step.subject();
                    int ordinal = Integer.parseInt(subject.substring(subject.lastIndexOf('-') + 1));
                    actions.add(step.action() + " " + ordinal);
                    switch (step.action()) {
                        case ADD_MEMBER -> members.add(ordinal);
                        case REMOVE_MEMBER -> members.remove(Integer.valueOf(ordinal));
                        case TRANSFER_LEADERSHIP -> leader = ordinal;
                        case DELETE_CLAIM -> claims.remove(Integer.valueOf(ordinal));
                        default -> throw new AssertionError(step);
                    }
                }
            }
            throw new AssertionError("no settled plan after 100 passes");
        }

        FakeLiveCluster live() {
            FakeLiveCluster live = new FakeLiveCluster().statefulSetReplicas(C, replicas);
            for (int pod : pods) {
                live.pod(C, pod, members.contains(pod), "r1");
                if (!members.contains(pod)) {
                    live.asksToJoin(pod);
                }
            }
            for (int claim : claims) {
                if (!pods.contains(claim)) {
                    live.claim(C, claim, false);
                }
            }
            return live.group(leader, members.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
