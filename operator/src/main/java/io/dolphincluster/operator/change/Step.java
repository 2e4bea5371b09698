package io.dolphincluster.operator.change;

import java.util.List;

/**
 * The one thing a change does next, or what it waits for ({@link Action#WAIT}). {@code subject} is
 * the pod, member or claim acted on; {@code expectedMembers} is the group the step was planned
 * against, so the controllers apply a membership step only if the group is still that one
 * (compare-and-set).
 */
public record Step(
        Action action, String subject, String description, List<String> expectedMembers) {

    /** What a step does. */
    public enum Action {
        WAIT,
        ADD_MEMBER,
        TRANSFER_LEADERSHIP,
        REMOVE_MEMBER,
        DRAIN_DATANODE,
        UNDRAIN_DATANODE,
        FORGET_DATANODE,
        DELETE_CLAIM,
        DELETE_POD
    }

    public static Step waitFor(String description) {
        return new Step(Action.WAIT, null, description, List.of());
    }

    public static Step of(Action action, String subject, String description) {
        return new Step(action, subject, description, List.of());
    }
}
