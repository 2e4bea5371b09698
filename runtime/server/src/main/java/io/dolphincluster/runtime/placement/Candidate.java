package io.dolphincluster.runtime.placement;

import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.metadata.MetadataSnapshot;
import io.dolphincluster.runtime.metadata.NodeInfo;
import io.dolphincluster.runtime.metadata.NodeState;
import io.dolphincluster.runtime.metadata.ReplicaInfo;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A live datanode that may receive a replica, with its load.
 *
 * @param machine the machine it runs on; replicas are kept apart by this at reliability levels 1
 *     and 2
 * @param zone its failure zone, or an empty string when unknown
 * @param replicaCount how many chunk replicas it holds now (in sync or not)
 */
public record Candidate(String alias, String machine, String zone, int replicaCount) {

    public Candidate {
        zone = zone == null ? "" : zone;
    }

    /**
     * The datanodes that are up and not draining in {@code metadata}, each with the number of
     * replicas it holds, sorted by alias: the only ones placement may choose.
     */
    public static List<Candidate> liveDatanodes(MetadataSnapshot metadata) {
        Map<String, Integer> counts = new TreeMap<>();
        for (ChunkInfo chunk : metadata.chunks()) {
            for (ReplicaInfo replica : chunk.replicas())
                counts.merge(replica.node(), 1, Integer::sum);
        }
        return metadata.nodes().stream()
                .filter(
                        n ->
                                n.state() == NodeState.UP
                                        && "datanode".equals(n.mode())
                                        && !n.draining())
                .map(n -> of(n, counts.getOrDefault(n.alias(), 0)))
                .toList();
    }

    static Candidate of(NodeInfo node, int replicaCount) {
        return new Candidate(node.alias(), node.machine(), node.zone(), replicaCount);
    }
}
