package io.dolphincluster.operator.runtime;

/**
 * What a controller the leader's group does not list says of itself, so a scale-up that waits for
 * it can say what it waits for.
 */
public enum JoinState {
    /** No answer: the pod is not up yet, or its controller fails (its log says why). */
    NO_ANSWER,
    /** The controller runs, still deciding how to join (Raft not running yet). */
    STARTING,
    /** The controller runs Raft outside the group and waits for the leader to add it. */
    WAITING_TO_BE_ADDED,
    /** The controller says it is a member of a group, though the leader's does not list it. */
    MEMBER_ELSEWHERE
}
