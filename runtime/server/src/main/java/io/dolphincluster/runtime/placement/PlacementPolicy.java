package io.dolphincluster.runtime.placement;

import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.metadata.NodeInfo;
import io.dolphincluster.runtime.metadata.NodeState;
import io.dolphincluster.runtime.metadata.ReplicaInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Where the replicas of a chunk go: {@code dfsReplicationFactor} distinct live datanodes, kept
 * apart by machine as {@code dfsReplicaReliabilityLevel} demands.
 *
 * <ul>
 *   <li>level 0: replicas may share a machine;
 *   <li>level 1: replicas must be on distinct machines; when the live datanodes cannot give that,
 *       placement fails with a {@link PlacementException} saying why, never with a weaker
 *       placement;
 *   <li>level 2: distinct machines wherever the live datanodes allow, else shared ones (best
 *       effort).
 * </ul>
 *
 * <p>Candidates come from {@link Candidate#liveDatanodes}, which leaves out draining datanodes: a
 * new chunk or a replacement replica never goes to one.
 *
 * <p>At every level, distinct zones are preferred when nodes carry one (never required), then the
 * least loaded datanode (fewest replicas), then the smallest alias. The policy is pure: the same
 * inputs give the same answer, so the leader can decide and put the decision in the Raft log.
 */
public final class PlacementPolicy {
    private final int factor;
    private final int level;

    public PlacementPolicy(int replicationFactor, int reliabilityLevel) {
        if (replicationFactor < 1)
            throw new IllegalArgumentException(
                    "replication factor must be at least 1, got " + replicationFactor);
        if (reliabilityLevel < 0 || reliabilityLevel > 2) {
            throw new IllegalArgumentException(
                    "reliability level must be 0, 1 or 2, got " + reliabilityLevel);
        }
        this.factor = replicationFactor;
        this.level = reliabilityLevel;
    }

    public int factor() {
        return factor;
    }

    /**
     * {@code factor} distinct datanodes among {@code live} for a new chunk, in the order chosen
     * (the first is the primary).
     */
    public List<String> choose(List<Candidate> live) throws PlacementException {
        if (live.size() < factor) {
            throw new PlacementException(
                    "dfsReplicationFactor="
                            + factor
                            + " needs "
                            + factor
                            + " live datanodes, found "
                            + live.size()
                            + (live.isEmpty()
                                    ? ""
                                    : ": "
                                            + live.stream()
                                                    .map(Candidate::alias)
                                                    .sorted()
                                                    .collect(Collectors.joining(", "))));
        }
        Map<String, List<String>> byMachine = byMachine(live);
        if (level == 1 && byMachine.size() < factor) {
            throw new PlacementException(
                    "dfsReplicaReliabilityLevel=1 needs "
                            + factor
                            + " machines with a live datanode, found "
                            + byMachine.size()
                            + ": "
                            + describe(byMachine));
        }
        List<Candidate> remaining = new ArrayList<>(live);
        Set<String> usedMachines = new HashSet<>();
        Set<String> usedZones = new HashSet<>();
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < factor; i++) {
            Candidate best =
                    remaining.stream()
                            .filter(c -> level != 1 || !usedMachines.contains(c.machine()))
                            .min(preference(usedMachines, usedZones))
                            .orElseThrow(); // cannot happen: checked above that enough nodes and
            // machines exist
            remaining.remove(best);
            chosen.add(best.alias());
            usedMachines.add(best.machine());
            if (!best.zone().isEmpty()) usedZones.add(best.zone());
        }
        return chosen;
    }

    /**
     * One more datanode for an existing chunk: never one that already holds a replica of it, and
     * kept apart (by the level's rule) from the machines and zones of the replicas that stay, those
     * in sync or on live nodes, and not on a draining node (whose replica is about to go).
     *
     * @param nodes every registered node by alias, to find where the existing replicas are
     */
    public String chooseReplacement(
            ChunkInfo chunk, Map<String, NodeInfo> nodes, List<Candidate> live)
            throws PlacementException {
        Set<String> holders =
                chunk.replicas().stream().map(ReplicaInfo::node).collect(Collectors.toSet());
        Set<String> keptMachines = new TreeSet<>();
        Set<String> keptZones = new HashSet<>();
        for (ReplicaInfo replica : chunk.replicas()) {
            NodeInfo node = nodes.get(replica.node());
            if (node == null
                    || node.draining()
                    || !(replica.inSync() || node.state() == NodeState.UP)) continue;
            keptMachines.add(node.machine());
            if (node.zone() != null && !node.zone().isEmpty()) keptZones.add(node.zone());
        }
        List<Candidate> eligible = live.stream().filter(c -> !holders.contains(c.alias())).toList();
        if (eligible.isEmpty()) {
            throw new PlacementException(
                    "no live datanode without a replica of chunk "
                            + chunk.id()
                            + " (live: "
                            + (live.isEmpty()
                                    ? "none"
                                    : live.stream()
                                            .map(Candidate::alias)
                                            .sorted()
                                            .collect(Collectors.joining(", ")))
                            + ")");
        }
        if (level == 1) {
            eligible = eligible.stream().filter(c -> !keptMachines.contains(c.machine())).toList();
            if (eligible.isEmpty()) {
                throw new PlacementException(
                        "dfsReplicaReliabilityLevel=1 needs a live datanode on a machine other than "
                                + String.join(", ", keptMachines)
                                + " (holding chunk "
                                + chunk.id()
                                + "), found none: "
                                + describe(byMachine(live)));
            }
        }
        return eligible.stream().min(preference(keptMachines, keptZones)).orElseThrow().alias();
    }

    /**
     * Distinct machines first (levels 1 and 2), then distinct zones, then the least loaded, then by
     * alias.
     */
    private Comparator<Candidate> preference(Set<String> usedMachines, Set<String> usedZones) {
        Comparator<Candidate> byZone =
                Comparator.comparingInt(
                        c -> !c.zone().isEmpty() && usedZones.contains(c.zone()) ? 1 : 0);
        Comparator<Candidate> order =
                level == 0
                        ? byZone
                        : Comparator.<Candidate>comparingInt(
                                        c -> usedMachines.contains(c.machine()) ? 1 : 0)
                                .thenComparing(byZone);
        return order.thenComparingInt(Candidate::replicaCount).thenComparing(Candidate::alias);
    }

    private static Map<String, List<String>> byMachine(List<Candidate> live) {
        Map<String, List<String>> machines = new TreeMap<>();
        for (Candidate c : live)
            machines.computeIfAbsent(c.machine(), m -> new ArrayList<>()).add(c.alias());
        machines.values().forEach(list -> list.sort(Comparator.naturalOrder()));
        return machines;
    }

    private static String describe(Map<String, List<String>> byMachine) {
        if (byMachine.isEmpty()) return "no live datanode";
        return byMachine.entrySet().stream()
                .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining(", "));
    }
}
