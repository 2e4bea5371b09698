package io.dolphincluster.operator.change;

/**
 * A role's planned StatefulSet size and its next step; no step means the role is as the spec says.
 *
 * @param target what the change leads to, in words, e.g. "5 controllers"
 */
public record RolePlan(int replicas, String target, Step step) {

    public static RolePlan settled(int replicas) {
        return new RolePlan(replicas, null, null);
    }

    public boolean isSettled() {
        return step == null;
    }
}
