package io.dolphincluster.runtime.dolphindb;

import static org.assertj.core.api.Assertions.assertThat;

import com.xxdb.DBConnection;
import com.xxdb.ExclusiveDBConnectionPool;
import com.xxdb.data.BasicDoubleVector;
import com.xxdb.data.BasicInt;
import com.xxdb.data.BasicLongVector;
import com.xxdb.data.BasicTable;
import com.xxdb.route.PartitionedTableAppender;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.DataCluster;
import io.dolphincluster.runtime.testkit.DatanodeProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official DolphinDB Java API against a real cluster (a controller, three datanodes on three
 * simulated machines, replication factor 2): the deployment guide's connect snippet (to {@code
 * localhost}, datanode1's machine), {@code getActiveMaster()}, a partitioned database and table
 * made by script, {@code tableInsert} of a table of every type a DFS table holds, read back value
 * by value, a grouped query checked value by value, a PartitionedTableAppender over a pool of
 * connections to every live datanode, and dropping the table and the database by script.
 */
class DolphinApiIT {
    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void theSeedsJavaProgramRunsAgainstTheCluster() throws Exception {
        DataCluster cluster =
                clusters.createData(1, Map.of("dfsChunkNodeHeartBeatTimeout", "3"), 1, 1, 1);
        String leader = cluster.startAll(Duration.ofSeconds(90));
        DatanodeProcess datanode = cluster.datanode("datanode1");

        assertThat(datanode.host()).as("datanode1's machine is localhost").isEqualTo("127.0.0.1");
        DBConnection conn = new DBConnection();
        boolean success = conn.connect("localhost", datanode.port(), "admin", "123456", "", true);
        assertThat(success).isTrue();
        assertThat(conn.run("getActiveMaster()").getString()).isEqualTo(leader);

        conn.run(DfsScriptTest.CREATE);
        BasicInt inserted =
                (BasicInt)
                        conn.run(
                                "tableInsert{loadTable('dfs://demo','trades')}",
                                List.of(DfsScriptTest.rows()));
        assertThat(inserted.getInt()).isEqualTo(6);
        DfsScriptTest.assertRowsInIdOrder(
                (BasicTable)
                        conn.run("select * from loadTable('dfs://demo','trades') order by id"));

        BasicTable result =
                (BasicTable)
                        conn.run(
                                "select count(*), sum(qty), avg(price), min(volume), max(ts) from loadTable('dfs://demo','trades') group by sym");
        assertThat(result.getColumn("sym").getString()).isEqualTo("[,A,B]");
        assertThat(result.getColumn("count").getString()).isEqualTo("[1,3,2]");
        assertThat(result.getColumn("sum_qty").getString()).isEqualTo("[,110,70]");
        assertThat(((BasicDoubleVector) result.getColumn("avg_price")).getDouble(1))
                .isEqualTo((1.5 + 4.5 + 6.5) / 3);
        assertThat(((BasicDoubleVector) result.getColumn("avg_price")).getDouble(2))
                .isEqualTo((2.5 + 5.5) / 2);
        assertThat(((BasicLongVector) result.getColumn("min_volume")).getLong(1)).isEqualTo(100);
        assertThat(result.getColumn("max_ts").get(2).getString())
                .isEqualTo("2024.01.03T00:00:00.005");

        BasicTable all =
                (BasicTable)
                        conn.run(
                                "select * from loadTable('dfs://demo','trades') where day = 2024.01.02 order by id");
        assertThat(all.getColumn("id").getString()).isEqualTo("[,4]");
        assertThat(all.getColumn("note").getString()).isEqualTo("[,w]");

        conn.run("database('dfs://demo').createPartitionedTable(t, `copies, `day)");
        ExclusiveDBConnectionPool pool =
                new ExclusiveDBConnectionPool(
                        datanode.host(), datanode.port(), "admin", "123456", 3, true, true);
        try {
            PartitionedTableAppender appender =
                    new PartitionedTableAppender("dfs://demo", "copies", "day", pool);
            assertThat(appender.append(DfsScriptTest.rows())).isEqualTo(6);
        } finally {
            pool.shutdown();
        }
        assertThat(conn.run("exec sum(volume) from loadTable('dfs://demo','copies')").getString())
                .isEqualTo(String.valueOf(1200 + (1L << 40)));

        conn.run("dropTable(database('dfs://demo'), 'copies')");
        assertThat(conn.run("existsTable('dfs://demo', 'copies')").getString()).isEqualTo("false");
        conn.run("if (existsDatabase('dfs://demo')) { dropDatabase('dfs://demo') }");
        assertThat(conn.run("existsDatabase('dfs://demo')").getString()).isEqualTo("false");
        conn.run(DfsScriptTest.CREATE);
        assertThat(conn.run("exec count(*) from loadTable('dfs://demo','trades')").getString())
                .as("a re-created table starts empty")
                .isEqualTo("0");
        conn.close();
    }
}
