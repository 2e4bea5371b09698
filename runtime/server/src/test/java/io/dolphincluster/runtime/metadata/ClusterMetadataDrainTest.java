package io.dolphincluster.runtime.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.runtime.metadata.MetadataCommand.CreateChunk;
import io.dolphincluster.runtime.metadata.MetadataCommand.ForgetNode;
import io.dolphincluster.runtime.metadata.MetadataCommand.RegisterNode;
import io.dolphincluster.runtime.metadata.MetadataCommand.SetNodeDraining;
import io.dolphincluster.runtime.metadata.MetadataCommand.SetNodeState;
import io.dolphincluster.runtime.metadata.MetadataCommand.SetReplica;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The draining flag and forgetting a node, in the metadata. */
class ClusterMetadataDrainTest {
    private final ClusterMetadata metadata = new ClusterMetadata();

    @BeforeEach
    void cluster() {
        ok(new RegisterNode("datanode1", "10.1.1.1:8911", "datanode", "m1", "", 10));
        ok(new RegisterNode("datanode2", "10.1.1.2:8911", "datanode", "m2", "", 10));
        ok(new RegisterNode("agent1", "10.1.1.1:8901", "agent", "m1", "", 10));
        ok(new MetadataCommand.CreateDatabase("db", "VALUE(date)", 1));
        ok(
                new MetadataCommand.CreateTable(
                        "db", "t", List.of(new ColumnDef("date", "DATE")), "date"));
        ok(new CreateChunk("c1", "db", "t", "k1", List.of("datanode1", "datanode2")));
    }

    private void ok(MetadataCommand command) {
        assertThat(metadata.apply(command).applied()).as(command.toString()).isTrue();
    }

    private CommandResult apply(MetadataCommand command) {
        return metadata.apply(command);
    }

    private NodeInfo node(String alias) {
        return metadata.node(alias).orElseThrow();
    }

    @Test
    void aRegisteredNodeIsNotDraining() {
        assertThat(node("datanode1").draining()).isFalse();
    }

    @Test
    void drainingIsSetAndClearedAndSettingItTwiceIsRefusedWithoutChange() {
        assertThat(apply(new SetNodeDraining("datanode1", true)))
                .isEqualTo(CommandResult.ok("datanode1 is draining"));
        assertThat(node("datanode1").draining()).isTrue();
        assertThat(apply(new SetNodeDraining("datanode1", true)).applied()).isFalse();

        assertThat(apply(new SetNodeDraining("datanode1", false)).applied()).isTrue();
        assertThat(node("datanode1").draining()).isFalse();
        assertThat(apply(new SetNodeDraining("datanode1", false)))
                .isEqualTo(CommandResult.refused("datanode1 is not draining"));
    }

    @Test
    void onlyKnownDatanodesCanDrain() {
        assertThat(apply(new SetNodeDraining("datanode9", true)))
                .isEqualTo(CommandResult.refused("unknown node datanode9"));
        assertThat(apply(new SetNodeDraining("agent1", true)))
                .isEqualTo(CommandResult.refused("agent1 is not a datanode but agent"));
        assertThat(node("agent1").draining()).isFalse();
    }

    @Test
    void drainingSurvivesStateChangesAndReRegistration() {
        ok(new SetNodeDraining("datanode1", true));
        ok(new SetNodeState("datanode1", NodeState.DOWN, 20, "silent"));
        assertThat(node("datanode1").draining()).isTrue();

        ok(
                new RegisterNode(
                        "datanode1",
                        "10.1.1.9:8911",
                        "datanode",
                        "m9",
                        "",
                        30)); // the pod restarted mid-drain

        assertThat(node("datanode1"))
                .isEqualTo(
                        new NodeInfo(
                                "datanode1",
                                "10.1.1.9:8911",
                                "datanode",
                                "m9",
                                "",
                                NodeState.UP,
                                10,
                                30,
                                true));
    }

    @Test
    void replicasOnCountsChunksWithAReplicaInSyncOrNot() {
        ok(new SetReplica("c1", "datanode2", 0, false, false));
        assertThat(metadata.replicasOn("datanode1")).isEqualTo(1);
        assertThat(metadata.replicasOn("datanode2")).isEqualTo(1);
        ok(new SetReplica("c1", "datanode2", 0, false, true));
        assertThat(metadata.replicasOn("datanode2")).isZero();
    }

    @Test
    void aNodeHoldingReplicasIsNotForgotten() {
        ok(new SetNodeDraining("datanode2", true));

        assertThat(apply(new ForgetNode("datanode2")))
                .isEqualTo(CommandResult.refused("datanode2 still holds 1 chunk replica(s)"));
        assertThat(metadata.node("datanode2")).isPresent();
    }

    @Test
    void anUpNodeThatIsNotDrainingIsNotForgotten() {
        ok(new SetReplica("c1", "datanode2", 0, false, true));

        assertThat(apply(new ForgetNode("datanode2")))
                .isEqualTo(
                        CommandResult.refused("datanode2 is UP and not draining: drain it first"));
    }

    @Test
    void anEmptyDrainingOrDownDatanodeIsForgottenAndComesBackAsANewNode() {
        ok(new SetReplica("c1", "datanode2", 0, false, true));
        ok(new SetNodeDraining("datanode2", true));
        assertThat(apply(new ForgetNode("datanode2")))
                .isEqualTo(CommandResult.ok("forgot datanode2"));
        assertThat(metadata.node("datanode2")).isEmpty();
        assertThat(apply(new ForgetNode("datanode2")))
                .isEqualTo(CommandResult.refused("unknown node datanode2"));

        ok(new RegisterNode("datanode2", "10.1.1.2:8911", "datanode", "m2", "", 50));
        assertThat(node("datanode2"))
                .isEqualTo(
                        new NodeInfo(
                                "datanode2",
                                "10.1.1.2:8911",
                                "datanode",
                                "m2",
                                "",
                                NodeState.UP,
                                50,
                                50,
                                false));

        ok(new RegisterNode("datanode3", "10.1.1.3:8911", "datanode", "m3", "", 60));
        ok(new SetNodeState("datanode3", NodeState.DOWN, 70, "silent"));
        assertThat(apply(new ForgetNode("datanode3")).applied()).isTrue();
    }

    @Test
    void agentsAreNotForgottenHere() {
        ok(new SetNodeState("agent1", NodeState.DOWN, 20, "silent"));
        assertThat(apply(new ForgetNode("agent1")).applied()).isFalse();
    }

    @Test
    void nodesAndCommandsWrittenBeforeDrainingExistedStillLoad() throws IOException {
        byte[] old =
                ("{\"nodes\":[{\"alias\":\"datanode1\",\"site\":\"h:1\",\"mode\":\"datanode\",\"machine\":\"m\",\"zone\":\"\","
                                + "\"state\":\"UP\",\"registeredAtMillis\":1,\"stateChangedAtMillis\":2}],"
                                + "\"databases\":[],\"tables\":[],\"chunks\":[],\"config\":{}}")
                        .getBytes(StandardCharsets.UTF_8);

        MetadataSnapshot decoded = MetadataJson.decode(old, MetadataSnapshot.class);

        assertThat(decoded.nodes())
                .containsExactly(
                        new NodeInfo(
                                "datanode1",
                                "h:1",
                                "datanode",
                                "m",
                                "",
                                NodeState.UP,
                                1,
                                2,
                                false));
        MetadataCommand register =
                MetadataJson.decode(
                        MetadataJson.encode(new RegisterNode("d", "h:1", "datanode", "m", "", 1)),
                        MetadataCommand.class);
        assertThat(register).isEqualTo(new RegisterNode("d", "h:1", "datanode", "m", "", 1));
    }

    @Test
    void theNewCommandsAndTheFlagRoundTripThroughJson() throws IOException {
        ok(new SetNodeDraining("datanode1", true));
        MetadataSnapshot snapshot = metadata.snapshot();

        assertThat(MetadataJson.decode(MetadataJson.encode(snapshot), MetadataSnapshot.class))
                .isEqualTo(snapshot);
        for (MetadataCommand command :
                List.of(new SetNodeDraining("a", true), new ForgetNode("a"))) {
            assertThat(MetadataJson.decode(MetadataJson.encode(command), MetadataCommand.class))
                    .isEqualTo(command);
        }
    }
}
