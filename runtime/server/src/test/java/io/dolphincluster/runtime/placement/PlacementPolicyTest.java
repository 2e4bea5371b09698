package io.dolphincluster.runtime.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.metadata.NodeInfo;
import io.dolphincluster.runtime.metadata.NodeState;
import io.dolphincluster.runtime.metadata.ReplicaInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PlacementPolicyTest {

    private static Candidate node(String alias, String machine, int replicas) {
        return new Candidate(alias, machine, "", replicas);
    }

    private static Candidate node(String alias, String machine, String zone, int replicas) {
        return new Candidate(alias, machine, zone, replicas);
    }

    // ---- level 0

    @Test
    void levelZeroPicksTheLeastLoadedEvenOnOneMachine() throws PlacementException {
        List<Candidate> live =
                List.of(
                        node("datanode1", "machineA", 5),
                        node("datanode2", "machineA", 1),
                        node("datanode3", "machineB", 3),
                        node("datanode4", "machineA", 0));

        assertThat(new PlacementPolicy(2, 0).choose(live))
                .containsExactly("datanode4", "datanode2");
    }

    @Test
    void tiesInLoadAreBrokenByAlias() throws PlacementException {
        List<Candidate> live =
                List.of(
                        node("datanode3", "m1", 2),
                        node("datanode1", "m2", 2),
                        node("datanode2", "m3", 2));

        assertThat(new PlacementPolicy(2, 0).choose(live))
                .containsExactly("datanode1", "datanode2");
        assertThat(new PlacementPolicy(2, 2).choose(live))
                .containsExactly("datanode1", "datanode2");
    }

    @Test
    void theAnswerDoesNotDependOnTheOrderOfTheCandidates() throws PlacementException {
        List<Candidate> live =
                new ArrayList<>(
                        List.of(
                                node("a", "m1", "z1", 1),
                                node("b", "m1", "z2", 1),
                                node("c", "m2", "z1", 0),
                                node("d", "m3", "z2", 2),
                                node("e", "m3", "z3", 1)));
        for (int level = 0; level <= 2; level++) {
            PlacementPolicy policy = new PlacementPolicy(3, level);
            List<String> first = policy.choose(live);
            for (long seed = 0; seed < 20; seed++) {
                Collections.shuffle(live, new java.util.Random(seed));
                assertThat(policy.choose(live)).as("level %d", level).isEqualTo(first);
            }
        }
    }

    @Test
    void tooFewLiveDatanodesFailsAtEveryLevel() {
        for (int level = 0; level <= 2; level++) {
            PlacementPolicy policy = new PlacementPolicy(3, level);
            assertThatThrownBy(
                            () ->
                                    policy.choose(
                                            List.of(
                                                    node("datanode2", "m", 0),
                                                    node("datanode1", "m", 0))))
                    .isInstanceOf(PlacementException.class)
                    .hasMessage(
                            "dfsReplicationFactor=3 needs 3 live datanodes, found 2: datanode1, datanode2");
        }
        assertThatThrownBy(() -> new PlacementPolicy(1, 1).choose(List.of()))
                .hasMessage("dfsReplicationFactor=1 needs 1 live datanodes, found 0");
    }

    // ---- level 1

    @Test
    void levelOnePutsReplicasOnDistinctMachinesEvenWhenASharedOneIsLessLoaded()
            throws PlacementException {
        List<Candidate> live =
                List.of(
                        node("datanode1", "machineA", 0),
                        node("datanode2", "machineA", 0),
                        node("datanode3", "machineB", 9));

        assertThat(new PlacementPolicy(2, 1).choose(live))
                .containsExactly("datanode1", "datanode3");
    }

    @Test
    void levelOneOnOneMachineFailsSayingWhy() {
        List<Candidate> live =
                List.of(node("datanode2", "machineA", 0), node("datanode1", "machineA", 0));

        assertThatThrownBy(() -> new PlacementPolicy(2, 1).choose(live))
                .isInstanceOf(PlacementException.class)
                .hasMessage(
                        "dfsReplicaReliabilityLevel=1 needs 2 machines with a live datanode, found 1: machineA (datanode1, datanode2)");
    }

    @Test
    void levelOneWithFewerMachinesThanTheFactorListsEveryMachine() {
        List<Candidate> live =
                List.of(node("d1", "mB", 0), node("d2", "mA", 0), node("d3", "mB", 0));

        assertThatThrownBy(() -> new PlacementPolicy(3, 1).choose(live))
                .hasMessage(
                        "dfsReplicaReliabilityLevel=1 needs 3 machines with a live datanode, found 2: mA (d2), mB (d1, d3)");
    }

    @Test
    void levelOneNeverReturnsTwoReplicasOnOneMachine() throws PlacementException {
        List<Candidate> live = new ArrayList<>();
        for (int i = 0; i < 12; i++) live.add(node("dn" + i, "m" + (i % 4), (i * 7) % 5));
        for (int factor = 1; factor <= 4; factor++) {
            List<String> chosen = new PlacementPolicy(factor, 1).choose(live);
            Set<String> machines = new HashSet<>();
            for (String alias : chosen)
                machines.add(
                        live.stream()
                                .filter(c -> c.alias().equals(alias))
                                .findFirst()
                                .orElseThrow()
                                .machine());
            assertThat(machines).hasSize(factor);
        }
    }

    // ---- level 2

    @Test
    void levelTwoPrefersDistinctMachinesOverLoad() throws PlacementException {
        List<Candidate> live =
                List.of(
                        node("datanode1", "machineA", 0),
                        node("datanode2", "machineA", 0),
                        node("datanode3", "machineB", 9));

        assertThat(new PlacementPolicy(2, 2).choose(live))
                .containsExactly("datanode1", "datanode3");
    }

    @Test
    void levelTwoSharesAMachineWhenThereIsNoOther() throws PlacementException {
        List<Candidate> live =
                List.of(
                        node("datanode1", "machineA", 3),
                        node("datanode2", "machineA", 1),
                        node("datanode3", "machineA", 2));

        assertThat(new PlacementPolicy(2, 2).choose(live))
                .containsExactly("datanode2", "datanode3");
    }

    @Test
    void levelTwoUsesEveryMachineBeforeDoublingUp() throws PlacementException {
        List<Candidate> live =
                List.of(node("a1", "mA", 0), node("a2", "mA", 0), node("b1", "mB", 5));

        assertThat(new PlacementPolicy(3, 2).choose(live)).containsExactly("a1", "b1", "a2");
    }

    // ---- zones

    @Test
    void distinctZonesArePreferredOverLoad() throws PlacementException {
        List<Candidate> live =
                List.of(
                        node("datanode1", "m1", "zone-a", 0),
                        node("datanode2", "m2", "zone-a", 0),
                        node("datanode3", "m3", "zone-b", 7));

        for (int level = 0; level <= 2; level++) {
            assertThat(new PlacementPolicy(2, level).choose(live))
                    .as("level %d", level)
                    .containsExactly("datanode1", "datanode3");
        }
    }

    @Test
    void zonesAreNeverRequired() throws PlacementException {
        List<Candidate> live =
                List.of(node("datanode1", "m1", "zone-a", 0), node("datanode2", "m2", "zone-a", 1));

        assertThat(new PlacementPolicy(2, 1).choose(live))
                .containsExactly("datanode1", "datanode2");
    }

    @Test
    void atLevelsOneAndTwoDistinctMachinesComeBeforeDistinctZones() throws PlacementException {
        // datanode2 is in another zone but on the same machine (an inconsistent label): the machine
        // rule wins.
        List<Candidate> live =
                List.of(
                        node("datanode1", "m1", "zone-a", 0),
                        node("datanode2", "m1", "zone-b", 0),
                        node("datanode3", "m2", "zone-a", 0));

        assertThat(new PlacementPolicy(2, 2).choose(live))
                .containsExactly("datanode1", "datanode3");
        assertThat(new PlacementPolicy(2, 0).choose(live))
                .containsExactly("datanode1", "datanode2");
    }

    // ---- replacement

    private static final Map<String, NodeInfo> NODES =
            nodes(
                    info("datanode1", "machineA", "z1", NodeState.UP),
                    info("datanode2", "machineB", "z2", NodeState.DOWN),
                    info("datanode3", "machineA", "z1", NodeState.UP),
                    info("datanode4", "machineC", "z2", NodeState.UP),
                    info("datanode5", "machineC", "z3", NodeState.UP));

    private static NodeInfo info(String alias, String machine, String zone, NodeState state) {
        return new NodeInfo(alias, "127.0.0.1:1", "datanode", machine, zone, state, 0, 0);
    }

    private static Map<String, NodeInfo> nodes(NodeInfo... infos) {
        Map<String, NodeInfo> map = new TreeMap<>();
        for (NodeInfo n : infos) map.put(n.alias(), n);
        return map;
    }

    private static List<Candidate> live(Map<String, NodeInfo> nodes, Map<String, Integer> load) {
        return nodes.values().stream()
                .filter(n -> n.state() == NodeState.UP)
                .map(n -> Candidate.of(n, load.getOrDefault(n.alias(), 0)))
                .toList();
    }

    private static ChunkInfo chunk(ReplicaInfo... replicas) {
        return new ChunkInfo(
                "trades~quotes~2024.01.02", "trades", "quotes", "2024.01.02", List.of(replicas));
    }

    @Test
    void aReplacementAvoidsTheMachineAndZoneOfTheReplicaThatStays() throws PlacementException {
        ChunkInfo chunk =
                chunk(
                        new ReplicaInfo("datanode1", 3, true),
                        new ReplicaInfo("datanode2", 3, false));

        // datanode3 shares machineA with the replica that stays; of datanode4 and datanode5 the
        // lighter one wins.
        String chosen =
                new PlacementPolicy(2, 1)
                        .chooseReplacement(
                                chunk, NODES, live(NODES, Map.of("datanode4", 4, "datanode5", 1)));

        assertThat(chosen).isEqualTo("datanode5");
    }

    @Test
    void aReplacementIsNeverANodeThatHoldsAReplicaAlready() throws PlacementException {
        ChunkInfo chunk =
                chunk(
                        new ReplicaInfo("datanode1", 3, true),
                        new ReplicaInfo("datanode5", 0, false),
                        new ReplicaInfo("datanode2", 3, false));

        assertThat(new PlacementPolicy(3, 0).chooseReplacement(chunk, NODES, live(NODES, Map.of())))
                .isEqualTo("datanode4");
    }

    @Test
    void theMachineOfAnOutOfSyncReplicaOnADownNodeMayBeReused() throws PlacementException {
        Map<String, NodeInfo> nodes =
                nodes(
                        info("d1", "mA", "", NodeState.UP),
                        info("d2", "mB", "", NodeState.DOWN),
                        info("d3", "mB", "", NodeState.UP));
        ChunkInfo chunk = chunk(new ReplicaInfo("d1", 1, true), new ReplicaInfo("d2", 1, false));

        assertThat(new PlacementPolicy(2, 1).chooseReplacement(chunk, nodes, live(nodes, Map.of())))
                .isEqualTo("d3");
    }

    @Test
    void theMachineOfAnInSyncReplicaOnADownNodeIsAvoided() {
        Map<String, NodeInfo> nodes =
                nodes(info("d1", "mA", "", NodeState.DOWN), info("d3", "mA", "", NodeState.UP));
        ChunkInfo chunk = chunk(new ReplicaInfo("d1", 1, true));

        assertThatThrownBy(
                        () ->
                                new PlacementPolicy(2, 1)
                                        .chooseReplacement(chunk, nodes, live(nodes, Map.of())))
                .isInstanceOf(PlacementException.class)
                .hasMessage(
                        "dfsReplicaReliabilityLevel=1 needs a live datanode on a machine other than mA "
                                + "(holding chunk trades~quotes~2024.01.02), found none: mA (d3)");
    }

    @Test
    void levelTwoReplacementFallsBackToASharedMachine() throws PlacementException {
        Map<String, NodeInfo> nodes =
                nodes(
                        info("d1", "mA", "", NodeState.UP),
                        info("d2", "mB", "", NodeState.DOWN),
                        info("d3", "mA", "", NodeState.UP));
        ChunkInfo chunk = chunk(new ReplicaInfo("d1", 1, true), new ReplicaInfo("d2", 1, true));

        assertThat(new PlacementPolicy(2, 2).chooseReplacement(chunk, nodes, live(nodes, Map.of())))
                .isEqualTo("d3");
        assertThatThrownBy(
                        () ->
                                new PlacementPolicy(2, 1)
                                        .chooseReplacement(chunk, nodes, live(nodes, Map.of())))
                .hasMessageContaining("other than mA, mB");
    }

    @Test
    void noReplacementWhenEveryLiveNodeHoldsAReplica() {
        Map<String, NodeInfo> nodes =
                nodes(info("d1", "mA", "", NodeState.UP), info("d2", "mB", "", NodeState.DOWN));
        ChunkInfo chunk = chunk(new ReplicaInfo("d1", 1, true), new ReplicaInfo("d2", 1, false));

        assertThatThrownBy(
                        () ->
                                new PlacementPolicy(2, 0)
                                        .chooseReplacement(chunk, nodes, live(nodes, Map.of())))
                .hasMessage(
                        "no live datanode without a replica of chunk trades~quotes~2024.01.02 (live: d1)");
    }

    @Test
    void replacementPrefersAnUnusedZone() throws PlacementException {
        ChunkInfo chunk =
                chunk(
                        new ReplicaInfo("datanode3", 3, true),
                        new ReplicaInfo("datanode2", 3, false));

        // datanode4 (z2) is lighter but datanode2's z2 no longer counts (down, out of sync): z2 and
        // z3 are both free.
        assertThat(
                        new PlacementPolicy(2, 0)
                                .chooseReplacement(
                                        chunk,
                                        NODES,
                                        live(NODES, Map.of("datanode4", 0, "datanode5", 1))))
                .isEqualTo("datanode4");
        // datanode1 is in z1, like the replica that stays: avoided at level 0 too, although it is
        // the least loaded.
        assertThat(
                        new PlacementPolicy(2, 0)
                                .chooseReplacement(
                                        chunk,
                                        NODES,
                                        live(
                                                NODES,
                                                Map.of(
                                                        "datanode1",
                                                        0,
                                                        "datanode4",
                                                        5,
                                                        "datanode5",
                                                        5))))
                .isEqualTo("datanode4");
    }

    @Test
    void liveDatanodesCountsReplicasAndSkipsAgentsAndDownNodes() {
        var snapshot =
                new io.dolphincluster.runtime.metadata.MetadataSnapshot(
                        List.of(
                                info("datanode1", "mA", "z", NodeState.UP),
                                info("datanode2", "mB", "", NodeState.DOWN),
                                new NodeInfo(
                                        "agent1",
                                        "127.0.0.1:2",
                                        "agent",
                                        "mA",
                                        "",
                                        NodeState.UP,
                                        0,
                                        0),
                                info("datanode3", "mC", "", NodeState.UP)),
                        List.of(),
                        List.of(),
                        List.of(
                                chunk(
                                        new ReplicaInfo("datanode1", 0, true),
                                        new ReplicaInfo("datanode2", 0, true)),
                                new ChunkInfo(
                                        "c2",
                                        "trades",
                                        "quotes",
                                        "k",
                                        List.of(new ReplicaInfo("datanode1", 0, false)))),
                        Map.of(),
                        List.of());

        assertThat(Candidate.liveDatanodes(snapshot))
                .containsExactly(
                        new Candidate("datanode1", "mA", "z", 2),
                        new Candidate("datanode3", "mC", "", 0));
    }

    @Test
    void liveDatanodesLeavesOutDrainingNodes() {
        var snapshot =
                new io.dolphincluster.runtime.metadata.MetadataSnapshot(
                        List.of(
                                info("datanode1", "mA", "", NodeState.UP),
                                new NodeInfo(
                                        "datanode2",
                                        "127.0.0.1:1",
                                        "datanode",
                                        "mB",
                                        "",
                                        NodeState.UP,
                                        0,
                                        0,
                                        true),
                                info("datanode3", "mC", "", NodeState.UP)),
                        List.of(),
                        List.of(),
                        List.of(),
                        Map.of(),
                        List.of());

        assertThat(Candidate.liveDatanodes(snapshot))
                .extracting(Candidate::alias)
                .containsExactly("datanode1", "datanode3");
    }

    @Test
    void aNewChunkIsRefusedWithTheReasonWhenOnlyDrainingNodesWouldMakeLevelOnePossible() {
        var snapshot =
                new io.dolphincluster.runtime.metadata.MetadataSnapshot(
                        List.of(
                                info("datanode1", "mA", "", NodeState.UP),
                                new NodeInfo(
                                        "datanode2",
                                        "127.0.0.1:1",
                                        "datanode",
                                        "mB",
                                        "",
                                        NodeState.UP,
                                        0,
                                        0,
                                        true)),
                        List.of(),
                        List.of(),
                        List.of(),
                        Map.of(),
                        List.of());

        assertThatThrownBy(
                        () -> new PlacementPolicy(2, 1).choose(Candidate.liveDatanodes(snapshot)))
                .isInstanceOf(PlacementException.class)
                .hasMessageContaining("found 1: datanode1");
    }

    @Test
    void aReplacementForADrainingReplicaMayShareTheDrainingNodesMachine()
            throws PlacementException {
        Map<String, NodeInfo> nodes =
                nodes(
                        info("datanode1", "machineA", "", NodeState.UP),
                        new NodeInfo(
                                "datanode2",
                                "127.0.0.1:1",
                                "datanode",
                                "machineB",
                                "",
                                NodeState.UP,
                                0,
                                0,
                                true),
                        info("datanode3", "machineB", "", NodeState.UP));
        ChunkInfo chunk =
                chunk(new ReplicaInfo("datanode1", 3, true), new ReplicaInfo("datanode2", 3, true));
        List<Candidate> live =
                nodes.values().stream()
                        .filter(n -> !n.draining())
                        .map(n -> Candidate.of(n, 0))
                        .toList();

        // machineB only holds the replica that is leaving, so level 1 may use it again.
        assertThat(new PlacementPolicy(2, 1).chooseReplacement(chunk, nodes, live))
                .isEqualTo("datanode3");
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> new PlacementPolicy(0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PlacementPolicy(2, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
