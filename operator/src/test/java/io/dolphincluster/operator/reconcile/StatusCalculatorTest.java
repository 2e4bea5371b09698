package io.dolphincluster.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dolphincluster.operator.model.DolphinClusterStatus;
import io.dolphincluster.operator.model.Phase;
import io.dolphincluster.operator.model.ReplicaCounts;
import io.dolphincluster.operator.runtime.RaftGroupView;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusCalculatorTest {
    private static final String T0 = "2026-01-01T00:00:00Z";
    private static final String T1 = "2026-01-01T00:05:00Z";
    private static final Optional<RaftGroupView> LEADER =
            Optional.of(
                    new RaftGroupView(
                            "demo-controller-1",
                            List.of("demo-controller-0", "demo-controller-1")));

    private static Observation seen(
            int controllersReady, int datanodesReady, Optional<RaftGroupView> group) {
        return new Observation(
                List.of(),
                new ReplicaCounts(3, controllersReady),
                new ReplicaCounts(2, datanodesReady),
                true,
                group);
    }

    private static Condition condition(DolphinClusterStatus status, String type) {
        return status.getConditions().stream()
                .filter(c -> c.getType().equals(type))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void allPodsReadyWithALeaderIsRunning() {
        DolphinClusterStatus status = StatusCalculator.next(null, 1, seen(3, 2, LEADER), T0);

        assertThat(status.getPhase()).isEqualTo(Phase.Running);
        assertThat(status.getLeader()).isEqualTo("demo-controller-1");
        assertThat(status.getControllersReady()).isEqualTo("3/3");
        assertThat(status.getDatanodesReady()).isEqualTo("2/2");
        assertThat(status.getObservedGeneration()).isEqualTo(1L);
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
    }

    @Test
    void podsComingUpIsProgressingAndLosingOneLaterIsDegraded() {
        DolphinClusterStatus starting =
                StatusCalculator.next(null, 1, seen(1, 0, Optional.empty()), T0);
        assertThat(starting.getPhase()).isEqualTo(Phase.Progressing);
        assertThat(condition(starting, "Progressing").getStatus()).isEqualTo("True");

        DolphinClusterStatus running = StatusCalculator.next(starting, 1, seen(3, 2, LEADER), T0);
        DolphinClusterStatus lost = StatusCalculator.next(running, 1, seen(2, 2, LEADER), T1);
        assertThat(lost.getPhase()).isEqualTo(Phase.Degraded);
        assertThat(condition(lost, "Degraded").getStatus()).isEqualTo("True");
        assertThat(condition(lost, "Degraded").getLastTransitionTime()).isEqualTo(T1);
    }

    @Test
    void aSpecChangeWhileRunningIsProgressingNotDegraded() {
        DolphinClusterStatus running = StatusCalculator.next(null, 1, seen(3, 2, LEADER), T0);

        assertThat(StatusCalculator.next(running, 2, seen(3, 1, LEADER), T1).getPhase())
                .isEqualTo(Phase.Progressing);
    }

    @Test
    void anUnchangedClusterGivesAnEqualStatusEvenLater() {
        ObjectMapper json = new ObjectMapper();
        DolphinClusterStatus first = StatusCalculator.next(null, 1, seen(3, 2, LEADER), T0);
        DolphinClusterStatus again = StatusCalculator.next(first, 1, seen(3, 2, LEADER), T1);

        assertThat((Object) json.valueToTree(again)).isEqualTo(json.valueToTree(first));
    }

    @Test
    void aPodStrandedByItsVolumesNodeIsReportedWithWhatToDo() {
        StrandedPods.Stranded stranded =
                new StrandedPods.Stranded(
                        "demo-datanode-1",
                        "data-demo-datanode-1",
                        "0/3 nodes are available: 3 node(s) had volume node affinity conflict.");
        Observation seen =
                new Observation(
                        List.of(),
                        new ReplicaCounts(3, 3),
                        new ReplicaCounts(2, 1),
                        true,
                        LEADER,
                        Optional.empty(),
                        false,
                        List.of(stranded));

        Condition lost = condition(StatusCalculator.next(null, 1, seen, T0), "VolumeNodeLost");
        Condition fine =
                condition(StatusCalculator.next(null, 1, seen(3, 2, LEADER), T0), "VolumeNodeLost");

        assertThat(lost.getStatus()).isEqualTo("True");
        assertThat(lost.getReason()).isEqualTo("PodsStranded");
        assertThat(lost.getMessage())
                .contains(
                        "demo-datanode-1",
                        "claim data-demo-datanode-1",
                        "volume node affinity conflict",
                        "delete the claim, then the pod",
                        "Node loss");
        assertThat(fine.getStatus()).isEqualTo("False");
    }

    @Test
    void anInvalidSpecSaysWhyInTheSpecValidCondition() {
        Observation invalid =
                new Observation(
                        List.of("spec.controllers.replicas is 4: it must be odd"),
                        new ReplicaCounts(4, 0),
                        new ReplicaCounts(2, 0),
                        false,
                        Optional.empty());

        DolphinClusterStatus status = StatusCalculator.next(null, 3, invalid, T0);

        assertThat(status.getPhase()).isEqualTo(Phase.Invalid);
        assertThat(condition(status, "SpecValid").getStatus()).isEqualTo("False");
        assertThat(condition(status, "SpecValid").getMessage()).contains("replicas is 4");
        assertThat(condition(status, "SpecValid").getObservedGeneration()).isEqualTo(3L);
    }
}
