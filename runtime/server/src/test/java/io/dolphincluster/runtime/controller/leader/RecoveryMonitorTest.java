package io.dolphincluster.runtime.controller.leader;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.runtime.metadata.ClusterMetadata;
import io.dolphincluster.runtime.metadata.ColumnDef;
import io.dolphincluster.runtime.metadata.MetadataCommand;
import io.dolphincluster.runtime.metadata.MetadataCommand.AddReplica;
import io.dolphincluster.runtime.metadata.MetadataCommand.CreateChunk;
import io.dolphincluster.runtime.metadata.MetadataCommand.SetReplica;
import io.dolphincluster.runtime.metadata.NodeState;
import io.dolphincluster.runtime.placement.PlacementPolicy;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The recovery decisions, on metadata built by hand; the monitor's scheduling is covered by
 * RecoveryIT.
 */
class RecoveryMonitorTest {
    private static final long WAIT = 10_000;

    private final ClusterMetadata metadata = new ClusterMetadata();
    private final RecoveryMonitor monitor =
            new RecoveryMonitor("controller1", metadata, null, new PlacementPolicy(2, 1), WAIT);

    @BeforeEach
    void cluster() {
        register("datanode1", "machineA");
        register("datanode2", "machineB");
        register("datanode3", "machineA");
        register("datanode4", "machineC");
        apply(new MetadataCommand.CreateDatabase("trades", "VALUE(date)", 1));
        apply(
                new MetadataCommand.CreateTable(
                        "trades", "quotes", List.of(new ColumnDef("date", "DATE")), "date"));
        apply(new CreateChunk("c1", "trades", "quotes", "d1", List.of("datanode1", "datanode2")));
        apply(new CreateChunk("c2", "trades", "quotes", "d2", List.of("datanode4", "datanode3")));
    }

    private void register(String alias, String machine) {
        apply(new MetadataCommand.RegisterNode(alias, "127.0.0.1:1", "datanode", machine, "", 0));
    }

    private void apply(MetadataCommand command) {
        assertThat(metadata.apply(command).applied()).as(command.toString()).isTrue();
    }

    private List<MetadataCommand> plan(long now) {
        return monitor.plan(metadata.snapshot(), now).changes().stream()
                .map(RecoveryMonitor.Change::command)
                .toList();
    }

    @Test
    void nothingToDoWhileEveryNodeIsUp() {
        assertThat(plan(1_000_000)).isEmpty();
    }

    @Test
    void aDownNodesReplicasGoOutOfSyncAtOnceButAreReplacedOnlyAfterTheWait() {
        apply(new MetadataCommand.SetNodeState("datanode2", NodeState.DOWN, 1_000, "silent"));

        assertThat(plan(1_001))
                .containsExactly(new SetReplica("c1", "datanode2", 0, false, false, 1));

        apply(new SetReplica("c1", "datanode2", 0, false, false));
        assertThat(plan(1_000 + WAIT - 1)).isEmpty();
        // datanode3 shares machineA with the in-sync replica on datanode1: the replacement goes to
        // machineC.
        assertThat(plan(1_000 + WAIT)).containsExactly(new AddReplica("c1", "datanode4", 2));
    }

    @Test
    void theDownReplicaIsRemovedOnceTheReplacementIsInSync() {
        apply(new MetadataCommand.SetNodeState("datanode2", NodeState.DOWN, 1_000, "silent"));
        apply(new SetReplica("c1", "datanode2", 0, false, false));
        apply(new AddReplica("c1", "datanode4"));

        assertThat(plan(1_000_000)).as("replacement still catching up").isEmpty();

        apply(new SetReplica("c1", "datanode4", 3, true, false));
        assertThat(plan(1_000_000))
                .containsExactly(new SetReplica("c1", "datanode2", 0, false, true, 4));
    }

    @Test
    void theLastInSyncReplicaStaysInSyncEvenOnADownNode() {
        apply(new SetReplica("c1", "datanode2", 0, false, false));
        apply(new MetadataCommand.SetNodeState("datanode1", NodeState.DOWN, 1_000, "silent"));

        List<MetadataCommand> changes = plan(1_000_000);

        assertThat(changes)
                .noneMatch(c -> c instanceof SetReplica s && s.node().equals("datanode1"));
        // Still below factor on live nodes: a replacement on a machine apart from datanode1's
        // (machineA).
        assertThat(changes).containsExactly(new AddReplica("c1", "datanode4", 2));
    }

    @Test
    void twoDownInSyncReplicasKeepOneInSync() {
        apply(new MetadataCommand.SetNodeState("datanode1", NodeState.DOWN, 1_000, "silent"));
        apply(new MetadataCommand.SetNodeState("datanode2", NodeState.DOWN, 1_000, "silent"));

        assertThat(plan(1_001))
                .containsExactly(new SetReplica("c1", "datanode1", 0, false, false, 1));
    }

    @Test
    void replacementsOfOnePassSpreadTheLoad() {
        register("datanode5", "machineD");
        apply(new CreateChunk("c3", "trades", "quotes", "d3", List.of("datanode1", "datanode2")));
        apply(new MetadataCommand.SetNodeState("datanode2", NodeState.DOWN, 1_000, "silent"));
        apply(new SetReplica("c1", "datanode2", 0, false, false));
        apply(new SetReplica("c3", "datanode2", 0, false, false));

        // datanode4 holds c2 already, datanode5 nothing: c1 goes to datanode5, then c3 to datanode4
        // (both at 1).
        assertThat(plan(1_000_000))
                .containsExactly(
                        new AddReplica("c1", "datanode5", 2), new AddReplica("c3", "datanode4", 2));
    }

    @Test
    void aChunkThatCannotBePlacedIsReportedAsAProblem() {
        apply(new MetadataCommand.SetNodeState("datanode4", NodeState.DOWN, 1_000, "silent"));
        apply(new SetReplica("c2", "datanode4", 0, false, false));

        RecoveryMonitor.Plan plan = monitor.plan(metadata.snapshot(), 1_000_000);

        // c2's in-sync replica is on machineA; the live nodes are on machineA and machineB, and
        // datanode2 is free.
        assertThat(plan.changes())
                .extracting(RecoveryMonitor.Change::command)
                .containsExactly(new AddReplica("c2", "datanode2", 2));

        apply(new MetadataCommand.SetNodeState("datanode2", NodeState.DOWN, 1_000, "silent"));
        plan = monitor.plan(metadata.snapshot(), 1_000_000);
        // Only machineA is left: neither c1 (datanode1 on machineA) nor c2 (datanode3 on machineA)
        // can be re-replicated.
        assertThat(plan.changes())
                .extracting(RecoveryMonitor.Change::command)
                .containsExactly(new SetReplica("c1", "datanode2", 0, false, false, 1));
        assertThat(plan.problems()).containsOnlyKeys("c1", "c2");
        assertThat(plan.problems().get("c2"))
                .startsWith(
                        "dfsReplicaReliabilityLevel=1 needs a live datanode on a machine other than machineA");
    }

    // ---- draining

    private void drain(String alias) {
        apply(new MetadataCommand.SetNodeDraining(alias, true));
    }

    @Test
    void aDrainingReplicaGetsAReplacementAtOnceAndStaysInSync() {
        drain("datanode2");

        // No wait, and datanode2's replica is not marked out of sync: it keeps serving until the
        // move is done.
        assertThat(plan(0)).containsExactly(new AddReplica("c1", "datanode4", 1));
    }

    @Test
    void aReplacementBeingCaughtUpIsNotAddedTwiceAndTheDrainingReplicaIsLeftToThePrimary() {
        drain("datanode2");
        apply(new AddReplica("c1", "datanode4"));

        assertThat(plan(1_000_000)).as("replacement catching up").isEmpty();

        apply(new SetReplica("c1", "datanode4", 7, true, false));
        // The chunk's primary releases datanode2's replica under its chunk lock; the controller
        // never removes it.
        assertThat(plan(1_000_000)).isEmpty();
        assertThat(
                        io.dolphincluster.runtime.metadata.DrainRule.releasable(
                                metadata.chunk("c1").orElseThrow(), nodes(), 2))
                .containsExactly("datanode2");
    }

    @Test
    void aDrainingReplicaIsNotReleasableWhileItsReplacementCatchesUp() {
        drain("datanode1");
        apply(new AddReplica("c1", "datanode4"));

        assertThat(
                        io.dolphincluster.runtime.metadata.DrainRule.releasable(
                                metadata.chunk("c1").orElseThrow(), nodes(), 2))
                .isEmpty();
        apply(new SetReplica("c1", "datanode4", 7, true, false));
        assertThat(
                        io.dolphincluster.runtime.metadata.DrainRule.releasable(
                                metadata.chunk("c1").orElseThrow(), nodes(), 2))
                .containsExactly("datanode1");
    }

    @Test
    void theMetadataNeverRemovesTheLastInSyncReplicaOfADrainingNode() {
        drain("datanode1");
        apply(new SetReplica("c1", "datanode2", 0, false, false));

        assertThat(metadata.apply(new SetReplica("c1", "datanode1", 0, false, true)).applied())
                .isFalse();
        assertThat(
                        io.dolphincluster.runtime.metadata.DrainRule.releasable(
                                metadata.chunk("c1").orElseThrow(), nodes(), 2))
                .isEmpty();
        // datanode2's replica is up and catching up: one replica short on active nodes, so one
        // replacement, which may
        // share machineA with the leaving datanode1 (datanode3 and datanode4 carry one replica
        // each; by alias).
        assertThat(plan(0)).containsExactly(new AddReplica("c1", "datanode3", 2));
    }

    @Test
    void aDrainingNodeThatGoesDownIsReplacedWithoutWaitingAndRemovedOnceReplaced() {
        drain("datanode2");
        apply(new MetadataCommand.SetNodeState("datanode2", NodeState.DOWN, 1_000, "silent"));

        assertThat(plan(1_001))
                .containsExactly(
                        new SetReplica("c1", "datanode2", 0, false, false, 1),
                        new AddReplica("c1", "datanode4", 2));

        apply(new SetReplica("c1", "datanode2", 0, false, false));
        apply(new AddReplica("c1", "datanode4"));
        apply(new SetReplica("c1", "datanode4", 3, true, false));
        assertThat(plan(1_002))
                .containsExactly(new SetReplica("c1", "datanode2", 0, false, true, 4));
    }

    @Test
    void aDrainingReplicaWithNowhereToGoIsReportedAsAProblem() {
        drain("datanode4");
        drain("datanode2");

        RecoveryMonitor.Plan plan = monitor.plan(metadata.snapshot(), 0);

        // Active nodes are datanode1 and datanode3, both on machineA: level 1 cannot place either
        // chunk's replacement.
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.problems()).containsOnlyKeys("c1", "c2");
    }

    @Test
    void aNodeNoLongerDrainingNeedsNothing() {
        drain("datanode2");
        apply(new MetadataCommand.SetNodeDraining("datanode2", false));

        assertThat(plan(0)).isEmpty();
    }

    @Test
    void aSurplusInSyncReplicaIsRemovedOnceEveryReplicaIsActiveButNeverThePrimary() {
        drain("datanode2");
        apply(new AddReplica("c1", "datanode4"));
        apply(new SetReplica("c1", "datanode4", 7, true, false));
        assertThat(plan(0)).as("draining: left to the primary").isEmpty();

        apply(
                new MetadataCommand.SetNodeDraining(
                        "datanode2", false)); // the drain is reversed: three in-sync replicas
        assertThat(plan(0)).containsExactly(new SetReplica("c1", "datanode4", 7, true, true, 3));
    }

    @Test
    void aSurplusOutOfSyncReplicaGoesFirstAndNothingIsTrimmedWhileANodeIsDown() {
        register("datanode5", "machineD");
        apply(new AddReplica("c1", "datanode5"));
        assertThat(plan(0)).containsExactly(new SetReplica("c1", "datanode5", 0, false, true, 2));

        apply(new MetadataCommand.SetNodeState("datanode5", NodeState.DOWN, 1_000, "silent"));
        assertThat(plan(1_001))
                .as("the chunk has its factor on UP nodes: the down node's replica goes, as before")
                .containsExactly(new SetReplica("c1", "datanode5", 0, false, true, 2));
        apply(new MetadataCommand.SetNodeState("datanode5", NodeState.UP, 1_002, "back"));
        apply(new MetadataCommand.SetNodeState("datanode1", NodeState.DOWN, 1_003, "silent"));
        assertThat(plan(1_004))
                .as("no trimming while a replica's node is down")
                .containsExactly(new SetReplica("c1", "datanode1", 0, false, false, 2));
    }

    private java.util.Map<String, io.dolphincluster.runtime.metadata.NodeInfo> nodes() {
        java.util.Map<String, io.dolphincluster.runtime.metadata.NodeInfo> nodes =
                new java.util.TreeMap<>();
        metadata.nodes().forEach(n -> nodes.put(n.alias(), n));
        return nodes;
    }
}
