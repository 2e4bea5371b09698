package io.dolphincluster.runtime.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.dolphincluster.runtime.metadata.MetadataCommand.AddReplica;
import io.dolphincluster.runtime.metadata.MetadataCommand.CreateChunk;
import io.dolphincluster.runtime.metadata.MetadataCommand.CreateDatabase;
import io.dolphincluster.runtime.metadata.MetadataCommand.CreateTable;
import io.dolphincluster.runtime.metadata.MetadataCommand.DropDatabase;
import io.dolphincluster.runtime.metadata.MetadataCommand.RegisterNode;
import io.dolphincluster.runtime.metadata.MetadataCommand.SetClusterSecret;
import io.dolphincluster.runtime.metadata.MetadataCommand.SetConfig;
import io.dolphincluster.runtime.metadata.MetadataCommand.SetNodeState;
import io.dolphincluster.runtime.metadata.MetadataCommand.SetReplica;
import io.dolphincluster.runtime.metadata.MetadataCommand.SetUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ClusterMetadataTest {

    private static final List<ColumnDef> TRADE_COLUMNS =
            List.of(
                    new ColumnDef("date", "DATE"),
                    new ColumnDef("sym", "SYMBOL"),
                    new ColumnDef("price", "DOUBLE"));

    private final ClusterMetadata metadata = new ClusterMetadata();

    private static RegisterNode register(String alias, long at) {
        return new RegisterNode(alias, "10.1.1.1:8911", "datanode", "machine1", "zone-a", at);
    }

    private CommandResult apply(MetadataCommand command) {
        return metadata.apply(command);
    }

    /**
     * Two datanodes, database {@code trades} with table {@code quotes}, and chunk {@code c1} on
     * both nodes.
     */
    private void applyBaseline() {
        assertThat(apply(register("datanode1", 100)).applied()).isTrue();
        assertThat(apply(register("datanode2", 101)).applied()).isTrue();
        assertThat(apply(new CreateDatabase("trades", "VALUE(date)", 110)).applied()).isTrue();
        assertThat(apply(new CreateTable("trades", "quotes", TRADE_COLUMNS, "date")).applied())
                .isTrue();
        assertThat(
                        apply(
                                        new CreateChunk(
                                                "c1",
                                                "trades",
                                                "quotes",
                                                "2024.01.02",
                                                List.of("datanode1", "datanode2")))
                                .applied())
                .isTrue();
    }

    private ChunkInfo chunk(String id) {
        return metadata.snapshot().chunks().stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    // ---- epochs and chunk stores

    @Test
    void everyReplicaChangeAdvancesTheEpochAndAStaleExpectationIsRefused() {
        applyBaseline();
        assertThat(chunk("c1").epoch()).isEqualTo(1);
        assertThat(apply(new SetReplica("c1", "datanode2", 0, false, false, 1)).applied()).isTrue();
        assertThat(chunk("c1").epoch()).isEqualTo(2);

        CommandResult stale = apply(new SetReplica("c1", "datanode2", 5, true, false, 1));
        assertThat(stale.applied()).isFalse();
        assertThat(stale.message()).contains("epoch 2, not 1");
        assertThat(apply(new AddReplica("c1", "datanode3", 1)).applied()).isFalse();
        assertThat(chunk("c1").epoch()).isEqualTo(2);

        assertThat(apply(new SetReplica("c1", "datanode2", 5, true, false, 2)).applied()).isTrue();
        assertThat(chunk("c1").epoch()).isEqualTo(3);
        assertThat(chunk("c1").primary()).contains("datanode1");
    }

    @Test
    void aDatanodeBackWithAnotherChunkStoreHasAllItsReplicasOutOfSyncEvenTheLastInSyncOne() {
        assertThat(
                        apply(
                                        new RegisterNode(
                                                "datanode1",
                                                "10.1.1.1:8911",
                                                "datanode",
                                                "m1",
                                                "",
                                                100,
                                                "store-a"))
                                .applied())
                .isTrue();
        assertThat(
                        apply(
                                        new RegisterNode(
                                                "datanode2",
                                                "10.1.1.2:8911",
                                                "datanode",
                                                "m2",
                                                "",
                                                100,
                                                "store-b"))
                                .applied())
                .isTrue();
        assertThat(apply(new CreateDatabase("trades", "VALUE(date)", 110)).applied()).isTrue();
        assertThat(apply(new CreateTable("trades", "quotes", TRADE_COLUMNS, "date")).applied())
                .isTrue();
        assertThat(
                        apply(
                                        new CreateChunk(
                                                "c1",
                                                "trades",
                                                "quotes",
                                                "k1",
                                                List.of("datanode1", "datanode2")))
                                .applied())
                .isTrue();
        assertThat(
                        apply(
                                        new CreateChunk(
                                                "c2",
                                                "trades",
                                                "quotes",
                                                "k2",
                                                List.of("datanode1", "datanode2")))
                                .applied())
                .isTrue();
        assertThat(apply(new SetReplica("c2", "datanode2", 0, false, false)).applied()).isTrue();

        // the same store again (a restart, a pause): nothing changes
        assertThat(
                        apply(
                                        new RegisterNode(
                                                "datanode1",
                                                "10.1.1.1:8911",
                                                "datanode",
                                                "m1",
                                                "",
                                                200,
                                                "store-a"))
                                .applied())
                .isTrue();
        assertThat(chunk("c1").epoch()).isEqualTo(1);

        CommandResult lost =
                apply(
                        new RegisterNode(
                                "datanode1",
                                "10.1.1.1:8911",
                                "datanode",
                                "m1",
                                "",
                                300,
                                "store-c"));
        assertThat(lost.message())
                .contains("new chunk store store-c", "2 replica(s) marked out of sync");
        assertThat(metadata.node("datanode1").orElseThrow().storeId()).isEqualTo("store-c");
        assertThat(chunk("c1").replicas())
                .containsExactly(
                        new ReplicaInfo("datanode1", 0, false),
                        new ReplicaInfo("datanode2", 0, true));
        assertThat(chunk("c1").primary()).contains("datanode2");
        assertThat(chunk("c1").epoch()).isEqualTo(2);
        assertThat(chunk("c2").primary())
                .as("its only complete copy was on the lost disk")
                .isEmpty();
    }

    @Test
    void theAppliedIndexIsReadWithTheStateItBelongsTo() {
        metadata.apply(register("datanode1", 100), 7);
        ClusterMetadata.Versioned versioned = metadata.versioned();
        assertThat(versioned.appliedIndex()).isEqualTo(7);
        assertThat(versioned.snapshot().nodes()).hasSize(1);
    }

    @Test
    void thePlacementSnapshotHoldsTheNodesAndChunksOnly() {
        applyBaseline();
        apply(new SetConfig("workerNum", "8"));
        MetadataSnapshot full = metadata.snapshot();
        MetadataSnapshot placement = metadata.placementSnapshot();
        assertThat(placement.nodes()).isEqualTo(full.nodes());
        assertThat(placement.chunks()).isEqualTo(full.chunks());
        assertThat(placement.config()).isEmpty();
        assertThat(placement.databases()).isEmpty();
    }

    // ---- nodes

    @Test
    void anEmptyMetadataHasAnEmptySnapshot() {
        assertThat(metadata.snapshot()).isEqualTo(MetadataSnapshot.empty());
    }

    @Test
    void registerNodeAddsANodeThatIsUp() {
        CommandResult result =
                apply(
                        new RegisterNode(
                                "datanode1",
                                "10.1.1.1:8911",
                                "datanode",
                                "machine1",
                                "zone-a",
                                100));

        assertThat(result).isEqualTo(CommandResult.ok("registered datanode1"));
        assertThat(metadata.snapshot().nodes())
                .containsExactly(
                        new NodeInfo(
                                "datanode1",
                                "10.1.1.1:8911",
                                "datanode",
                                "machine1",
                                "zone-a",
                                NodeState.UP,
                                100,
                                100));
    }

    @Test
    void reRegisteringRefreshesTheRecordKeepsTheFirstRegistrationTimeAndMarksTheNodeUp() {
        apply(register("datanode1", 100));
        apply(new SetNodeState("datanode1", NodeState.DOWN, 150, "no heartbeat"));

        CommandResult result =
                apply(
                        new RegisterNode(
                                "datanode1", "10.1.1.2:8911", "datanode", "machine2", "", 200));

        assertThat(result).isEqualTo(CommandResult.ok("re-registered datanode1"));
        assertThat(metadata.snapshot().nodes())
                .containsExactly(
                        new NodeInfo(
                                "datanode1",
                                "10.1.1.2:8911",
                                "datanode",
                                "machine2",
                                "",
                                NodeState.UP,
                                100,
                                200));
    }

    @Test
    void nodesAreListedByAlias() {
        apply(register("datanode2", 1));
        apply(register("agent1", 2));
        apply(register("datanode1", 3));

        assertThat(metadata.snapshot().nodes())
                .extracting(NodeInfo::alias)
                .containsExactly("agent1", "datanode1", "datanode2");
    }

    @Test
    void setNodeStateChangesTheStateAndItsTime() {
        apply(register("datanode1", 100));

        CommandResult result =
                apply(new SetNodeState("datanode1", NodeState.DOWN, 180, "no heartbeat for 8 s"));

        assertThat(result).isEqualTo(CommandResult.ok("datanode1 is DOWN"));
        assertThat(metadata.snapshot().nodes())
                .singleElement()
                .satisfies(
                        n -> {
                            assertThat(n.state()).isEqualTo(NodeState.DOWN);
                            assertThat(n.stateChangedAtMillis()).isEqualTo(180);
                            assertThat(n.registeredAtMillis()).isEqualTo(100);
                        });
    }

    @Test
    void setNodeStateOfAnUnknownNodeIsRefused() {
        CommandResult result =
                apply(new SetNodeState("datanode9", NodeState.DOWN, 180, "no heartbeat"));

        assertThat(result).isEqualTo(CommandResult.refused("unknown node datanode9"));
        assertThat(metadata.snapshot()).isEqualTo(MetadataSnapshot.empty());
    }

    @Test
    void setNodeStateToTheCurrentStateIsRefusedAndChangesNothing() {
        apply(register("datanode1", 100));
        MetadataSnapshot before = metadata.snapshot();

        CommandResult result = apply(new SetNodeState("datanode1", NodeState.UP, 180, "heartbeat"));

        assertThat(result).isEqualTo(CommandResult.refused("datanode1 is already UP"));
        assertThat(metadata.snapshot()).isEqualTo(before);
    }

    // ---- databases and tables

    @Test
    void createDatabaseAddsIt() {
        CommandResult result = apply(new CreateDatabase("trades", "VALUE(date)", 110));

        assertThat(result).isEqualTo(CommandResult.ok("created database trades"));
        assertThat(metadata.snapshot().databases())
                .containsExactly(new DatabaseInfo("trades", "VALUE(date)", 110));
    }

    @Test
    void aDuplicateDatabaseIsRefusedAndTheFirstIsKept() {
        apply(new CreateDatabase("trades", "VALUE(date)", 110));

        CommandResult result = apply(new CreateDatabase("trades", "HASH(sym,8)", 120));

        assertThat(result).isEqualTo(CommandResult.refused("database trades exists"));
        assertThat(metadata.snapshot().databases())
                .containsExactly(new DatabaseInfo("trades", "VALUE(date)", 110));
    }

    @Test
    void createTableAddsItUnderDatabaseSlashName() {
        apply(new CreateDatabase("trades", "VALUE(date)", 110));

        CommandResult result = apply(new CreateTable("trades", "quotes", TRADE_COLUMNS, "date"));

        assertThat(result).isEqualTo(CommandResult.ok("created table trades/quotes"));
        assertThat(metadata.snapshot().tables())
                .singleElement()
                .satisfies(
                        t -> {
                            assertThat(t)
                                    .isEqualTo(
                                            new TableInfo(
                                                    "trades", "quotes", TRADE_COLUMNS, "date"));
                            assertThat(t.key()).isEqualTo("trades/quotes");
                        });
    }

    @Test
    void aTableInAMissingDatabaseIsRefused() {
        CommandResult result = apply(new CreateTable("nowhere", "quotes", TRADE_COLUMNS, "date"));

        assertThat(result).isEqualTo(CommandResult.refused("no database nowhere"));
        assertThat(metadata.snapshot().tables()).isEmpty();
    }

    @Test
    void aPartitionColumnThatIsNotAColumnIsRefused() {
        apply(new CreateDatabase("trades", "VALUE(date)", 110));

        CommandResult result = apply(new CreateTable("trades", "quotes", TRADE_COLUMNS, "time"));

        assertThat(result)
                .isEqualTo(
                        CommandResult.refused(
                                "partition column time is not a column of trades/quotes"));
        assertThat(metadata.snapshot().tables()).isEmpty();
    }

    @Test
    void aDuplicateTableIsRefused() {
        apply(new CreateDatabase("trades", "VALUE(date)", 110));
        apply(new CreateTable("trades", "quotes", TRADE_COLUMNS, "date"));

        CommandResult result =
                apply(
                        new CreateTable(
                                "trades",
                                "quotes",
                                List.of(new ColumnDef("sym", "SYMBOL")),
                                "sym"));

        assertThat(result).isEqualTo(CommandResult.refused("table trades/quotes exists"));
        assertThat(metadata.snapshot().tables())
                .singleElement()
                .extracting(TableInfo::partitionColumn)
                .isEqualTo("date");
    }

    @Test
    void theSameTableNameMayBeUsedInTwoDatabases() {
        apply(new CreateDatabase("trades", "VALUE(date)", 110));
        apply(new CreateDatabase("archive", "VALUE(date)", 111));

        assertThat(apply(new CreateTable("trades", "quotes", TRADE_COLUMNS, "date")).applied())
                .isTrue();
        assertThat(apply(new CreateTable("archive", "quotes", TRADE_COLUMNS, "date")).applied())
                .isTrue();
        assertThat(metadata.snapshot().tables())
                .extracting(TableInfo::key)
                .containsExactly("archive/quotes", "trades/quotes");
    }

    @Test
    void dropDatabaseRemovesItWithItsTablesAndChunksOnly() {
        applyBaseline();
        apply(new CreateDatabase("archive", "VALUE(date)", 120));
        apply(new CreateTable("archive", "quotes", TRADE_COLUMNS, "date"));
        apply(new CreateChunk("a1", "archive", "quotes", "2023.12.29", List.of("datanode1")));

        CommandResult result = apply(new DropDatabase("trades"));

        MetadataSnapshot snapshot = metadata.snapshot();
        assertThat(result).isEqualTo(CommandResult.ok("dropped database trades"));
        assertThat(snapshot.databases()).extracting(DatabaseInfo::name).containsExactly("archive");
        assertThat(snapshot.tables()).extracting(TableInfo::key).containsExactly("archive/quotes");
        assertThat(snapshot.chunks()).extracting(ChunkInfo::id).containsExactly("a1");
        assertThat(snapshot.nodes()).hasSize(2);
    }

    @Test
    void aDroppedDatabaseCanBeCreatedAgainWithoutItsOldTables() {
        applyBaseline();
        apply(new DropDatabase("trades"));

        assertThat(apply(new CreateDatabase("trades", "HASH(sym,8)", 200)).applied()).isTrue();
        assertThat(apply(new CreateChunk("c2", "trades", "quotes", "x", List.of("datanode1"))))
                .isEqualTo(CommandResult.refused("no table trades/quotes"));
        assertThat(apply(new CreateTable("trades", "quotes", TRADE_COLUMNS, "sym")).applied())
                .isTrue();
    }

    @Test
    void dropTableRemovesItWithItsChunksOnly() {
        applyBaseline();
        apply(new CreateTable("trades", "kept", TRADE_COLUMNS, "date"));
        apply(new CreateChunk("k1", "trades", "kept", "2023.12.29", List.of("datanode1")));

        assertThat(apply(new MetadataCommand.DropTable("trades", "quotes")))
                .isEqualTo(CommandResult.ok("dropped table trades/quotes"));

        MetadataSnapshot snapshot = metadata.snapshot();
        assertThat(snapshot.tables()).extracting(TableInfo::key).containsExactly("trades/kept");
        assertThat(snapshot.chunks()).extracting(ChunkInfo::id).containsExactly("k1");
        assertThat(apply(new MetadataCommand.DropTable("trades", "quotes")).applied()).isFalse();
    }

    @Test
    void droppingAMissingDatabaseIsRefused() {
        assertThat(apply(new DropDatabase("nowhere")))
                .isEqualTo(CommandResult.refused("no database nowhere"));
    }

    // ---- chunks and replicas

    @Test
    void createChunkPlacesInSyncReplicasAtVersionZero() {
        applyBaseline();

        assertThat(chunk("c1"))
                .isEqualTo(
                        new ChunkInfo(
                                "c1",
                                "trades",
                                "quotes",
                                "2024.01.02",
                                List.of(
                                        new ReplicaInfo("datanode1", 0, true),
                                        new ReplicaInfo("datanode2", 0, true))));
    }

    @Test
    void aChunkOnAnUnknownNodeIsRefusedAndNotCreated() {
        applyBaseline();

        CommandResult result =
                apply(
                        new CreateChunk(
                                "c2",
                                "trades",
                                "quotes",
                                "2024.01.03",
                                List.of("datanode1", "datanode9")));

        assertThat(result).isEqualTo(CommandResult.refused("unknown node datanode9"));
        assertThat(metadata.snapshot().chunks()).extracting(ChunkInfo::id).containsExactly("c1");
    }

    @Test
    void aChunkOfAMissingTableIsRefused() {
        applyBaseline();

        assertThat(
                        apply(
                                new CreateChunk(
                                        "c2",
                                        "trades",
                                        "orders",
                                        "2024.01.03",
                                        List.of("datanode1"))))
                .isEqualTo(CommandResult.refused("no table trades/orders"));
    }

    @Test
    void aDuplicateChunkIdIsRefused() {
        applyBaseline();

        assertThat(
                        apply(
                                new CreateChunk(
                                        "c1",
                                        "trades",
                                        "quotes",
                                        "2024.01.03",
                                        List.of("datanode1"))))
                .isEqualTo(CommandResult.refused("chunk c1 exists"));
        assertThat(chunk("c1").partitionKey()).isEqualTo("2024.01.02");
    }

    @Test
    void setReplicaUpdatesVersionAndSyncOfAnExistingReplica() {
        applyBaseline();

        CommandResult result = apply(new SetReplica("c1", "datanode2", 7, false, false));

        assertThat(result).isEqualTo(CommandResult.ok("replica of c1 on datanode2 set"));
        assertThat(chunk("c1").replicas())
                .containsExactlyInAnyOrder(
                        new ReplicaInfo("datanode1", 0, true),
                        new ReplicaInfo("datanode2", 7, false));
    }

    @Test
    void setReplicaAddsAReplicaOnAnotherNode() {
        applyBaseline();
        apply(register("datanode3", 102));

        apply(new SetReplica("c1", "datanode3", 3, false, false));

        assertThat(chunk("c1").replicas())
                .extracting(ReplicaInfo::node)
                .containsExactlyInAnyOrder("datanode1", "datanode2", "datanode3");
    }

    @Test
    void setReplicaWithRemoveDropsTheReplica() {
        applyBaseline();

        CommandResult result = apply(new SetReplica("c1", "datanode1", 0, false, true));

        assertThat(result).isEqualTo(CommandResult.ok("replica of c1 on datanode1 removed"));
        assertThat(chunk("c1").replicas()).containsExactly(new ReplicaInfo("datanode2", 0, true));
    }

    @Test
    void setReplicaOfAMissingChunkIsRefused() {
        applyBaseline();

        assertThat(apply(new SetReplica("c9", "datanode1", 1, true, false)))
                .isEqualTo(CommandResult.refused("no chunk c9"));
    }

    @Test
    void setReplicaOnAnUnknownNodeIsRefusedAndKeepsTheReplicas() {
        applyBaseline();

        assertThat(apply(new SetReplica("c1", "datanode9", 1, true, false)))
                .isEqualTo(CommandResult.refused("unknown node datanode9"));
        assertThat(chunk("c1").replicas())
                .extracting(ReplicaInfo::node)
                .containsExactly("datanode1", "datanode2");
    }

    @Test
    void updatingAReplicaKeepsItsPlaceInTheList() {
        applyBaseline();

        apply(new SetReplica("c1", "datanode1", 5, true, false));

        assertThat(chunk("c1").replicas())
                .containsExactly(
                        new ReplicaInfo("datanode1", 5, true),
                        new ReplicaInfo("datanode2", 0, true));
    }

    @Test
    void aReplicaBackInSyncGoesLastSoThePrimaryStaysWhereTheWritesAre() {
        applyBaseline();

        apply(new SetReplica("c1", "datanode1", 5, false, false));
        assertThat(chunk("c1").primary()).contains("datanode2");
        apply(new SetReplica("c1", "datanode1", 6, true, false));

        assertThat(chunk("c1").replicas())
                .containsExactly(
                        new ReplicaInfo("datanode2", 0, true),
                        new ReplicaInfo("datanode1", 6, true));
        assertThat(chunk("c1").primary()).contains("datanode2");
    }

    @Test
    void theLastInSyncReplicaCannotBeMarkedOutOfSync() {
        applyBaseline();
        apply(new SetReplica("c1", "datanode1", 0, false, false));

        assertThat(apply(new SetReplica("c1", "datanode2", 0, false, false)))
                .isEqualTo(
                        CommandResult.refused(
                                "the replica of c1 on datanode2 is its last in-sync replica: it cannot be marked out of sync"));
        assertThat(chunk("c1").replicas())
                .containsExactly(
                        new ReplicaInfo("datanode1", 0, false),
                        new ReplicaInfo("datanode2", 0, true));
    }

    @Test
    void theLastInSyncReplicaCannotBeRemovedButAnOutOfSyncOneCan() {
        applyBaseline();
        apply(new SetReplica("c1", "datanode1", 0, false, false));

        assertThat(apply(new SetReplica("c1", "datanode2", 0, false, true)))
                .isEqualTo(
                        CommandResult.refused(
                                "the replica of c1 on datanode2 is its last in-sync replica: it cannot be removed"));
        assertThat(apply(new SetReplica("c1", "datanode1", 0, false, true)).applied()).isTrue();
        assertThat(chunk("c1").replicas()).containsExactly(new ReplicaInfo("datanode2", 0, true));
    }

    @Test
    void theLastInSyncReplicaMayStillUpdateItsVersion() {
        applyBaseline();
        apply(new SetReplica("c1", "datanode1", 0, false, false));

        assertThat(apply(new SetReplica("c1", "datanode2", 9, true, false)).applied()).isTrue();
        assertThat(chunk("c1").replicas()).contains(new ReplicaInfo("datanode2", 9, true));
    }

    @Test
    void addReplicaAppendsAnOutOfSyncReplicaAtVersionZero() {
        applyBaseline();
        apply(register("datanode3", 102));

        assertThat(apply(new AddReplica("c1", "datanode3")))
                .isEqualTo(CommandResult.ok("replica of c1 added on datanode3"));

        assertThat(chunk("c1").replicas())
                .containsExactly(
                        new ReplicaInfo("datanode1", 0, true),
                        new ReplicaInfo("datanode2", 0, true),
                        new ReplicaInfo("datanode3", 0, false));
    }

    @Test
    void addReplicaNeverResetsAnExistingReplica() {
        applyBaseline();
        apply(new SetReplica("c1", "datanode2", 4, true, false));

        assertThat(apply(new AddReplica("c1", "datanode2")))
                .isEqualTo(CommandResult.refused("chunk c1 already has a replica on datanode2"));
        assertThat(apply(new AddReplica("c1", "datanode9")))
                .isEqualTo(CommandResult.refused("unknown node datanode9"));
        assertThat(apply(new AddReplica("c9", "datanode1")))
                .isEqualTo(CommandResult.refused("no chunk c9"));
        assertThat(chunk("c1").replicas()).contains(new ReplicaInfo("datanode2", 4, true));
    }

    @Test
    void chunksAreListedByDatabaseAndTable() {
        applyBaseline();
        apply(new CreateTable("trades", "orders", TRADE_COLUMNS, "date"));
        apply(new CreateChunk("c2", "trades", "orders", "2024.01.02", List.of("datanode1")));

        assertThat(metadata.chunks("trades", null))
                .extracting(ChunkInfo::id)
                .containsExactly("c1", "c2");
        assertThat(metadata.chunks("trades", "orders"))
                .extracting(ChunkInfo::id)
                .containsExactly("c2");
        assertThat(metadata.chunks("other", null)).isEmpty();
        assertThat(metadata.chunk("c1")).isPresent();
    }

    // ---- users and the cluster secret

    @Test
    void aUserIsCreatedOnlyOnceWithAnEmptyExpectedHash() {
        assertThat(apply(new SetUser("admin", "h1", true, "")))
                .isEqualTo(CommandResult.ok("created user admin"));
        assertThat(apply(new SetUser("admin", "h2", true, "")))
                .isEqualTo(CommandResult.refused("user admin exists"));

        assertThat(metadata.users()).containsExactly(new UserInfo("admin", "h1", true));
    }

    @Test
    void aPasswordChangeIsCompareAndSetOnTheHash() {
        apply(new SetUser("admin", "h1", true, ""));

        assertThat(apply(new SetUser("admin", "h2", true, "stale")))
                .isEqualTo(CommandResult.refused("the password of admin changed meanwhile"));
        assertThat(apply(new SetUser("admin", "h2", true, "h1")))
                .isEqualTo(CommandResult.ok("updated user admin"));
        assertThat(apply(new SetUser("bob", "h3", false, "h1")))
                .isEqualTo(CommandResult.refused("no user bob"));
        assertThat(apply(new SetUser("bob", "h3", false, null)).applied()).isTrue();

        assertThat(metadata.user("admin")).contains(new UserInfo("admin", "h2", true));
        assertThat(metadata.users()).extracting(UserInfo::name).containsExactly("admin", "bob");
    }

    @Test
    void anOldLogsClusterSecretIsRefusedAndKeptNowhere() {
        assertThat(apply(new SetClusterSecret("s1")).applied()).isFalse();
        assertThat(new String(MetadataJson.encode(metadata.snapshot()), StandardCharsets.UTF_8))
                .doesNotContain("s1");
    }

    @Test
    void usersAreRemovedButTheLastAdminIsKept() {
        apply(new SetUser("admin", "h1", true, ""));
        apply(new SetUser("alice", "h2", false, ""));
        assertThat(apply(new SetUser("admin", "h1", false, null)).applied())
                .as("demote the last admin")
                .isFalse();
        assertThat(apply(new MetadataCommand.RemoveUser("admin")).applied())
                .as("remove the last admin")
                .isFalse();
        assertThat(apply(new MetadataCommand.RemoveUser("nobody")).applied()).isFalse();
        assertThat(apply(new SetUser("alice", "h2", true, null)).applied()).isTrue();
        assertThat(apply(new MetadataCommand.RemoveUser("admin")).applied()).isTrue();
        assertThat(metadata.users()).extracting(UserInfo::name).containsExactly("alice");
    }

    @Test
    void aSnapshotWrittenBeforeUsersExistedLoadsWithNoUsers() throws IOException {
        byte[] old =
                "{\"nodes\":[],\"databases\":[],\"tables\":[],\"chunks\":[],\"config\":{\"k\":\"v\"}}"
                        .getBytes(StandardCharsets.UTF_8);

        MetadataSnapshot decoded = MetadataJson.decode(old, MetadataSnapshot.class);

        assertThat(decoded.users()).isEmpty();
        assertThat(decoded.config()).containsOnly(entry("k", "v"));
    }

    @Test
    void aSnapshotWithAnOldClusterSecretLoadsWithoutIt() throws IOException {
        byte[] old =
                "{\"nodes\":[],\"databases\":[],\"tables\":[],\"chunks\":[],\"config\":{},\"users\":[],\"clusterSecret\":\"s\"}"
                        .getBytes(StandardCharsets.UTF_8);

        assertThat(MetadataJson.decode(old, MetadataSnapshot.class))
                .isEqualTo(MetadataSnapshot.empty());
    }

    // ---- config

    @Test
    void setConfigSetsAndOverwritesAValue() {
        assertThat(apply(new SetConfig("maxMemSize", "4")))
                .isEqualTo(CommandResult.ok("set maxMemSize"));
        apply(new SetConfig("workerNum", "8"));
        apply(new SetConfig("maxMemSize", "16"));

        assertThat(metadata.snapshot().config())
                .containsOnly(entry("maxMemSize", "16"), entry("workerNum", "8"));
    }

    // ---- snapshots and determinism

    private static List<MetadataCommand> history() {
        return List.of(
                register("datanode1", 100),
                register("datanode2", 101),
                new RegisterNode("agent1", "10.1.1.1:8901", "agent", "machine1", "", 102),
                new CreateDatabase("trades", "VALUE(date)", 110),
                new CreateDatabase("trades", "VALUE(date)", 111),
                new CreateTable("trades", "quotes", TRADE_COLUMNS, "date"),
                new CreateTable("trades", "orders", TRADE_COLUMNS, "nope"),
                new CreateChunk(
                        "c1", "trades", "quotes", "2024.01.02", List.of("datanode1", "datanode2")),
                new CreateChunk(
                        "c2", "trades", "quotes", "2024.01.03", List.of("datanode2", "datanode1")),
                new CreateChunk("c3", "trades", "quotes", "2024.01.04", List.of("datanode3")),
                new SetNodeState("datanode2", NodeState.DOWN, 130, "no heartbeat"),
                new SetReplica("c1", "datanode2", 4, false, false),
                new SetReplica("c2", "datanode2", 0, false, true),
                new SetConfig("maxMemSize", "8"),
                new SetConfig("dataSync", "1"),
                new CreateDatabase("scratch", "HASH(sym,8)", 140),
                new DropDatabase("scratch"),
                new MetadataCommand.DropTable("trades", "nothere"),
                new SetNodeState("datanode2", NodeState.UP, 150, "heartbeat"),
                register("datanode3", 151),
                new AddReplica("c1", "datanode3"),
                new AddReplica("c1", "datanode3"),
                new SetReplica("c1", "datanode1", 0, false, false),
                new SetReplica("c1", "datanode3", 0, false, true),
                new SetUser("admin", "pbkdf2-sha256$1$c2FsdA==$aGFzaA==", true, ""),
                new SetUser("admin", "other", true, ""),
                new SetClusterSecret("secret-1"),
                new SetClusterSecret("secret-2"));
    }

    @Test
    void twoInstancesApplyingTheSameCommandsReachEqualSnapshotsAndResults() {
        ClusterMetadata first = new ClusterMetadata();
        ClusterMetadata second = new ClusterMetadata();

        List<CommandResult> firstResults = history().stream().map(first::apply).toList();
        List<CommandResult> secondResults = history().stream().map(second::apply).toList();

        assertThat(firstResults).isEqualTo(secondResults);
        assertThat(firstResults).extracting(CommandResult::applied).contains(true, false);
        assertThat(first.snapshot()).isEqualTo(second.snapshot());
        assertThat(MetadataJson.encode(first.snapshot()))
                .isEqualTo(MetadataJson.encode(second.snapshot()));
    }

    @Test
    void aSnapshotIsNotChangedByLaterCommands() {
        applyBaseline();
        MetadataSnapshot before = metadata.snapshot();
        MetadataSnapshot copy = metadata.snapshot();

        history().forEach(metadata::apply);
        apply(new DropDatabase("trades"));

        assertThat(before).isEqualTo(copy);
        assertThat(metadata.snapshot()).isNotEqualTo(before);
    }

    @Test
    void restoreOfASnapshotRoundTrips() {
        history().forEach(metadata::apply);
        ClusterMetadata restored = new ClusterMetadata();

        restored.restore(metadata.snapshot());

        assertThat(restored.snapshot()).isEqualTo(metadata.snapshot());
    }

    @Test
    void aRestoredInstanceAppliesFurtherCommandsLikeTheOriginal() {
        history().forEach(metadata::apply);
        ClusterMetadata restored = new ClusterMetadata();
        restored.restore(metadata.snapshot());
        List<MetadataCommand> more =
                List.of(
                        new CreateDatabase("trades", "VALUE(date)", 200),
                        new CreateTable("trades", "quotes", TRADE_COLUMNS, "date"),
                        new SetNodeState("datanode1", NodeState.UP, 201, "heartbeat"),
                        new SetReplica("c1", "agent1", 1, true, false),
                        register("datanode1", 202),
                        new DropDatabase("trades"));

        assertThat(more.stream().map(restored::apply).toList())
                .isEqualTo(more.stream().map(metadata::apply).toList());
        assertThat(restored.snapshot()).isEqualTo(metadata.snapshot());
    }

    @Test
    void restoreReplacesTheWholeState() {
        history().forEach(metadata::apply);

        metadata.restore(MetadataSnapshot.empty());

        assertThat(metadata.snapshot()).isEqualTo(MetadataSnapshot.empty());
        assertThat(apply(new CreateDatabase("trades", "VALUE(date)", 300)).applied()).isTrue();
    }

    // ---- JSON

    static Stream<MetadataCommand> oneCommandOfEachKind() {
        return Stream.of(
                new RegisterNode(
                        "datanode1",
                        "10.1.1.1:8911",
                        "datanode",
                        "machine1",
                        "zone-a",
                        1_700_000_000_000L),
                new SetNodeState(
                        "datanode1", NodeState.DOWN, 1_700_000_000_001L, "no heartbeat for 8 s"),
                new CreateDatabase("trades", "VALUE(date)", 1_700_000_000_002L),
                new DropDatabase("trades"),
                new MetadataCommand.DropTable("trades", "quotes"),
                new CreateTable("trades", "quotes", TRADE_COLUMNS, "date"),
                new CreateChunk(
                        "c1", "trades", "quotes", "2024.01.02", List.of("datanode1", "datanode2")),
                new SetReplica("c1", "datanode2", 42, false, true),
                new SetConfig("maxMemSize", "a \"quoted\" value, with ünïcode"),
                new AddReplica("c1", "datanode3"),
                new SetUser("admin", "pbkdf2-sha256$120000$c2FsdA==$aGFzaA==", true, ""),
                new SetClusterSecret("c2VjcmV0"),
                new MetadataCommand.RemoveUser("bob"),
                new MetadataCommand.SetNodeDraining("datanode3", true),
                new MetadataCommand.ForgetNode("datanode3"));
    }

    @Test
    void theJsonSamplesCoverEveryCommandKind() {
        assertThat(oneCommandOfEachKind().map(Object::getClass).distinct())
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.asList(MetadataCommand.class.getPermittedSubclasses()));
    }

    @ParameterizedTest
    @MethodSource("oneCommandOfEachKind")
    void everyCommandRoundTripsThroughJsonAsAMetadataCommand(MetadataCommand command)
            throws IOException {
        MetadataCommand decoded =
                MetadataJson.decode(MetadataJson.encode(command), MetadataCommand.class);

        assertThat(decoded).isEqualTo(command);
    }

    @Test
    void theJsonOfACommandNamesItsKindInOp() {
        String json =
                new String(MetadataJson.encode(new DropDatabase("trades")), StandardCharsets.UTF_8);

        assertThat(json).contains("\"op\":\"dropDatabase\"").contains("\"name\":\"trades\"");
    }

    @Test
    void anUnknownOpDoesNotDecode() {
        byte[] json =
                "{\"op\":\"formatDisk\",\"name\":\"trades\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> MetadataJson.decode(json, MetadataCommand.class))
                .isInstanceOf(IOException.class);
    }

    @Test
    void unknownFieldsOfAKnownCommandAreIgnored() throws IOException {
        byte[] json =
                "{\"op\":\"setConfig\",\"key\":\"k\",\"value\":\"v\",\"addedLater\":1}"
                        .getBytes(StandardCharsets.UTF_8);

        assertThat(MetadataJson.decode(json, MetadataCommand.class))
                .isEqualTo(new SetConfig("k", "v"));
    }

    @Test
    void aSnapshotRoundTripsThroughJson() throws IOException {
        history().forEach(metadata::apply);
        MetadataSnapshot snapshot = metadata.snapshot();
        assertThat(snapshot.nodes()).isNotEmpty();
        assertThat(snapshot.chunks()).isNotEmpty();
        assertThat(snapshot.config()).isNotEmpty();
        assertThat(snapshot.users()).isNotEmpty();

        MetadataSnapshot decoded =
                MetadataJson.decode(MetadataJson.encode(snapshot), MetadataSnapshot.class);

        assertThat(decoded).isEqualTo(snapshot);
    }

    @Test
    void theJsonOfASnapshotListsConfigKeysInSortedOrder() {
        for (String key :
                List.of(
                        "workerNum",
                        "dataSync",
                        "maxMemSize",
                        "volumes",
                        "chunkCacheEngineMemSize",
                        "localExecutors")) {
            apply(new SetConfig(key, "1"));
        }

        String json = new String(MetadataJson.encode(metadata.snapshot()), StandardCharsets.UTF_8);

        assertThat(json)
                .containsSubsequence(
                        "\"chunkCacheEngineMemSize\"",
                        "\"dataSync\"",
                        "\"localExecutors\"",
                        "\"maxMemSize\"",
                        "\"volumes\"",
                        "\"workerNum\"");
    }

    @Test
    void anEmptySnapshotRoundTripsThroughJson() throws IOException {
        MetadataSnapshot decoded =
                MetadataJson.decode(
                        MetadataJson.encode(MetadataSnapshot.empty()), MetadataSnapshot.class);

        assertThat(decoded).isEqualTo(MetadataSnapshot.empty());
        assertThat(decoded.config()).isEqualTo(Map.of());
    }

    @Test
    void aCommandResultRoundTripsThroughJson() throws IOException {
        CommandResult result = CommandResult.refused("unknown node datanode9");

        assertThat(MetadataJson.decode(MetadataJson.encode(result), CommandResult.class))
                .isEqualTo(result);
    }
}
