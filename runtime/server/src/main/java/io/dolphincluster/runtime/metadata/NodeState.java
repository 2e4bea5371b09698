package io.dolphincluster.runtime.metadata;

/** Whether the controller leader currently hears a node's heartbeats. */
public enum NodeState {
    UP,
    DOWN
}
