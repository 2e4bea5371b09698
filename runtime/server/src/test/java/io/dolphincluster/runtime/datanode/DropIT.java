package io.dolphincluster.runtime.datanode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dolphincluster.client.DBConnection;
import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.query.Query;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.DataCluster;
import io.dolphincluster.runtime.testkit.DatanodeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Dropping a table, then its database, end to end: the metadata forgets them, every datanode
 * deletes their chunk files, the names can be used again, and the other tables keep their data.
 */
class DropIT {
    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void droppedTablesAndDatabasesLeaveNoFilesBehind() throws Exception {
        DataCluster cluster = clusters.createData(1, Map.of(), 1, 1);
        cluster.startAll(Duration.ofSeconds(90));
        try (DBConnection client = CorruptReplicaIT.connect(cluster.datanode("datanode1"))) {
            client.createDatabase("dfs://dropme", "VALUE");
            client.createTable("dfs://dropme", "gone", EventsTable.SCHEMA, "day");
            client.createTable("dfs://dropme", "kept", EventsTable.SCHEMA, "day");
            client.append("dfs://dropme", "gone", rows(0));
            client.append("dfs://dropme", "kept", rows(100));
            await("chunk files of both tables on every datanode")
                    .atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    cluster.datanodes().stream()
                                            .allMatch(
                                                    d ->
                                                            chunkDirs(d, "dropme~gone~") > 0
                                                                    && chunkDirs(d, "dropme~kept~")
                                                                            > 0));

            client.dropTable("dfs://dropme", "gone");
            await("the dropped table's files deleted on every datanode")
                    .atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    cluster.datanodes().stream()
                                            .allMatch(d -> chunkDirs(d, "dropme~gone~") == 0));
            assertThatThrownBy(() -> client.query(Query.from("dfs://dropme", "gone").select("id")))
                    .hasMessageContaining("gone");
            assertThat(client.query(Query.from("dfs://dropme", "kept").select("id")).rows())
                    .hasSize(5);

            client.createTable("dfs://dropme", "gone", EventsTable.SCHEMA, "day");
            client.append("dfs://dropme", "gone", rows(200));
            assertThat(client.query(Query.from("dfs://dropme", "gone").select("id")).rows())
                    .as("only the new rows")
                    .hasSize(5);

            client.dropDatabase("dfs://dropme");
            await("the dropped database's files deleted on every datanode")
                    .atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    cluster.datanodes().stream()
                                            .allMatch(d -> chunkDirs(d, "dropme~") == 0));
            assertThatThrownBy(() -> client.dropDatabase("dfs://dropme"))
                    .hasMessageContaining("dropme");
        }
    }

    private static RowBatch rows(long firstId) {
        List<List<Object>> rows = new ArrayList<>();
        for (long id = firstId; id < firstId + 5; id++)
            rows.add(List.of(id, LocalDate.of(2024, 1, 1 + (int) (id % 3)), id));
        return new RowBatch(EventsTable.SCHEMA, rows);
    }

    private static long chunkDirs(DatanodeProcess datanode, String prefix) {
        Path chunks = datanode.dir().resolve("data/chunks");
        if (!Files.isDirectory(chunks)) return 0;
        try (Stream<Path> entries = Files.list(chunks)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(prefix)).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
