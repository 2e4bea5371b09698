package io.dolphincluster.operator.change;

import io.dolphincluster.operator.desired.Names;
import io.dolphincluster.operator.model.ClusterChange;
import java.util.Optional;

/**
 * The StatefulSet sizes to apply now and the one change in progress with its next step. Changes run
 * one at a time, in this order: controller membership, datanode count, rolling restarts.
 */
public record ChangePlan(
        int controllerReplicas, int datanodeReplicas, String kind, String target, Step step) {
    public static final String SCALE_CONTROLLERS = "ScaleControllers";
    public static final String SCALE_DATANODES = "ScaleDatanodes";
    public static final String ROLL = "Roll";

    /** Plans from the live cluster towards the spec's counts. */
    public static ChangePlan of(int controllers, int datanodes, LiveCluster live, Names names) {
        RolePlan controllerPlan = ControllerMembershipPlanner.plan(controllers, live, names);
        RolePlan datanodePlan = DatanodeScalePlanner.plan(datanodes, live, names);
        int c = controllerPlan.replicas();
        int d = datanodePlan.replicas();
        if (!controllerPlan.isSettled()) {
            return new ChangePlan(
                    c, d, SCALE_CONTROLLERS, controllerPlan.target(), controllerPlan.step());
        }
        if (!datanodePlan.isSettled()) {
            return new ChangePlan(
                    c, d, SCALE_DATANODES, datanodePlan.target(), datanodePlan.step());
        }
        return RollingRestartPlanner.next(live, names)
                .map(roll -> new ChangePlan(c, d, ROLL, roll.target(), roll.step()))
                .orElse(new ChangePlan(c, d, null, null, null));
    }

    public boolean inProgress() {
        return step != null;
    }

    /** The change for the status, empty when there is none. */
    public Optional<ClusterChange> change() {
        return inProgress()
                ? Optional.of(new ClusterChange(kind, target, step.description()))
                : Optional.empty();
    }
}
