package io.dolphincluster.runtime.metadata;

import java.util.List;
import java.util.Map;

/**
 * When a chunk's replicas may leave a draining datanode. Shared by the controller leader, which
 * adds the replacement replicas, and by the chunk's primary, which releases the draining replica
 * under its chunk lock.
 *
 * <p>An <em>active</em> datanode is up and not draining. A chunk needs a replacement while fewer
 * than the replication factor of its replicas (in sync or still catching up) are on active
 * datanodes; its replicas on draining datanodes may be released once at least the factor of its
 * <em>in-sync</em> replicas are on active datanodes.
 */
public final class DrainRule {
    private DrainRule() {}

    public static boolean isActive(NodeInfo node) {
        return node != null && node.state() == NodeState.UP && !node.draining();
    }

    public static boolean isDraining(NodeInfo node) {
        return node != null && node.draining();
    }

    /** Whether some replica of {@code replicas} is on a draining node. */
    public static boolean hasDrainingReplica(
            List<ReplicaInfo> replicas, Map<String, NodeInfo> nodes) {
        return replicas.stream().anyMatch(r -> isDraining(nodes.get(r.node())));
    }

    /**
     * Whether a draining replica of the chunk needs one more replica on an active datanode first.
     */
    public static boolean needsReplacement(
            List<ReplicaInfo> replicas, Map<String, NodeInfo> nodes, int factor) {
        return hasDrainingReplica(replicas, nodes)
                && replicas.stream().filter(r -> isActive(nodes.get(r.node()))).count() < factor;
    }

    /**
     * The chunk's replicas on draining datanodes that may go now (empty until enough in-sync
     * replicas are elsewhere).
     */
    public static List<String> releasable(
            ChunkInfo chunk, Map<String, NodeInfo> nodes, int factor) {
        long settled =
                chunk.replicas().stream()
                        .filter(r -> r.inSync() && isActive(nodes.get(r.node())))
                        .count();
        if (settled < factor) return List.of();
        return chunk.replicas().stream()
                .map(ReplicaInfo::node)
                .filter(n -> isDraining(nodes.get(n)))
                .toList();
    }
}
