package io.dolphincluster.runtime.metadata;

/**
 * A registered agent or datanode as the controllers know it.
 *
 * @param machine the physical (or Kubernetes) machine the node runs on: replicas of one chunk are kept
 *     apart by this at reliability level 1
 * @param zone the failure zone, or an empty string when unknown
 */
public record NodeInfo(String alias, String site, String mode, String machine, String zone, NodeState state,
                       long registeredAtMillis, long stateChangedAtMillis) {

    NodeInfo withState(NodeState newState, long atMillis) {
        return new NodeInfo(alias, site, mode, machine, zone, newState, registeredAtMillis, atMillis);
    }
}
