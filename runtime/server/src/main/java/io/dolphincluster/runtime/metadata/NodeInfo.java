package io.dolphincluster.runtime.metadata;

/**
 * A registered agent or datanode as the controllers know it.
 *
 * @param machine the physical (or Kubernetes) machine the node runs on: replicas of one chunk are kept
 *     apart by this at reliability level 1
 * @param zone the failure zone, or an empty string when unknown
 * @param draining whether the datanode is being emptied before it goes away: it receives no new replica, and
 *     its replicas are moved to other datanodes (absent in metadata written before draining existed: false)
 */
public record NodeInfo(String alias, String site, String mode, String machine, String zone, NodeState state,
                       long registeredAtMillis, long stateChangedAtMillis, boolean draining) {

    /** A node that is not draining. */
    public NodeInfo(String alias, String site, String mode, String machine, String zone, NodeState state,
                    long registeredAtMillis, long stateChangedAtMillis) {
        this(alias, site, mode, machine, zone, state, registeredAtMillis, stateChangedAtMillis, false);
    }

    NodeInfo withState(NodeState newState, long atMillis) {
        return new NodeInfo(alias, site, mode, machine, zone, newState, registeredAtMillis, atMillis, draining);
    }

    NodeInfo withDraining(boolean newDraining) {
        return new NodeInfo(alias, site, mode, machine, zone, state, registeredAtMillis, stateChangedAtMillis, newDraining);
    }
}
