package io.dolphincluster.runtime.metadata;

/**
 * A registered agent or datanode as the controllers know it.
 *
 * @param machine the physical (or Kubernetes) machine the node runs on: replicas of one chunk are
 *     kept apart by this at reliability level 1
 * @param zone the failure zone, or an empty string when unknown
 * @param draining whether the datanode is being emptied before it goes away: it receives no new
 *     replica, and its replicas are moved to other datanodes (absent in metadata written before
 *     draining existed: false)
 * @param storeId the identity of the datanode's chunk store as it last registered (null for agents,
 *     and for nodes registered before stores had one): a datanode that comes back with another
 *     store lost its replicas
 */
public record NodeInfo(
        String alias,
        String site,
        String mode,
        String machine,
        String zone,
        NodeState state,
        long registeredAtMillis,
        long stateChangedAtMillis,
        boolean draining,
        String storeId) {

    public NodeInfo(
            String alias,
            String site,
            String mode,
            String machine,
            String zone,
            NodeState state,
            long registeredAtMillis,
            long stateChangedAtMillis,
            boolean draining) {
        this(
                alias,
                site,
                mode,
                machine,
                zone,
                state,
                registeredAtMillis,
                stateChangedAtMillis,
                draining,
                null);
    }

    /** A node that is not draining. */
    public NodeInfo(
            String alias,
            String site,
            String mode,
            String machine,
            String zone,
            NodeState state,
            long registeredAtMillis,
            long stateChangedAtMillis) {
        this(
                alias,
                site,
                mode,
                machine,
                zone,
                state,
                registeredAtMillis,
                stateChangedAtMillis,
                false,
                null);
    }

    NodeInfo withState(NodeState newState, long atMillis) {
        return new NodeInfo(
                alias,
                site,
                mode,
                machine,
                zone,
                newState,
                registeredAtMillis,
                atMillis,
                draining,
                storeId);
    }

    NodeInfo withDraining(boolean newDraining) {
        return new NodeInfo(
                alias,
                site,
                mode,
                machine,
                zone,
                state,
                registeredAtMillis,
                stateChangedAtMillis,
                newDraining,
                storeId);
    }
}
