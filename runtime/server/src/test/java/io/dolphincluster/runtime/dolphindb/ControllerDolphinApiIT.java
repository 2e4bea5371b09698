package io.dolphincluster.runtime.dolphindb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.xxdb.DBConnection;
import com.xxdb.data.BasicInt;
import com.xxdb.data.BasicTable;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import io.dolphincluster.runtime.testkit.DataCluster;
import io.dolphincluster.runtime.testkit.DatanodeProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official Java API against the controllers of a real cluster (three controllers, two datanodes
 * on two simulated machines): each controller, leader or follower, answers on its HTTP port {@code
 * getActiveMaster()} with the leader, {@code getClusterPerf} with the datanodes, and any DFS call
 * with the one-line refusal naming the datanodes, while its HTTP API and page keep answering on the
 * same port; an HA connect to a follower is moved to a datanode by the client's load balancing,
 * where DFS scripts run.
 */
class ControllerDolphinApiIT {
    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void everyControllerAnswersTheDeploymentGuidesCalls() throws Exception {
        DataCluster cluster =
                clusters.createData(3, Map.of("dfsChunkNodeHeartBeatTimeout", "3"), 1, 1);
        String leader = cluster.startAll(Duration.ofSeconds(90));
        Set<String> datanodes =
                cluster.datanodes().stream()
                        .map(DatanodeProcess::alias)
                        .collect(Collectors.toSet());
        String datanodeSites =
                cluster.datanodes().stream()
                        .map(d -> d.alias() + " at " + d.site())
                        .collect(Collectors.joining(", "));

        for (ControllerProcess controller : cluster.controllers().all()) {
            DBConnection conn = new DBConnection();
            assertThat(conn.connect("127.0.0.1", controller.port(), "admin", "123456"))
                    .as(controller.alias())
                    .isTrue();
            assertThat(conn.run("getActiveMaster()").getString())
                    .as(controller.alias())
                    .isEqualTo(leader);
            assertThat(conn.run("getNodeAlias()").getString()).isEqualTo(controller.alias());
            BasicTable perf = (BasicTable) conn.run("getClusterPerf()");
            assertThat(
                            Set.of(
                                    perf.getColumn("name")
                                            .getString()
                                            .replaceAll("[\\[\\]]", "")
                                            .split(",")))
                    .isEqualTo(datanodes);
            assertThat(perf.getColumn("state").getString()).isEqualTo("[1,1]");
            assertThatThrownBy(
                            () -> conn.run("database('dfs://demo', VALUE, 2024.01.01..2024.01.10)"))
                    .hasMessageContaining(
                            "a controller holds no data: connect to a datanode ("
                                    + datanodeSites
                                    + ")");
            assertThatThrownBy(
                            () ->
                                    conn.run(
                                            "select count(*) from loadTable('dfs://demo', 'trades')"))
                    .hasMessageContaining("a controller holds no data");
            assertThat(((BasicInt) conn.run("1+1")).getInt()).isEqualTo(2);

            assertThat(controller.admin().get("/api/leader").body().get("alias").asText())
                    .isEqualTo(leader);
            HttpResponse<String> page =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create("http://" + controller.site() + "/"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<html");
            conn.close();
        }

        ControllerProcess follower =
                cluster.controllers().all().stream()
                        .filter(c -> !c.alias().equals(leader))
                        .findFirst()
                        .orElseThrow();
        DBConnection ha = new DBConnection();
        assertThat(ha.connect("127.0.0.1", follower.port(), "admin", "123456", "", true)).isTrue();
        assertThat(ha.run("getNodeAlias()").getString())
                .as("the client's load balancing moved it")
                .isIn(datanodes);
        ha.run(DfsScriptTest.CREATE);
        BasicInt inserted =
                (BasicInt)
                        ha.run(
                                "tableInsert{loadTable('dfs://demo','trades')}",
                                List.of(DfsScriptTest.rows()));
        assertThat(inserted.getInt()).isEqualTo(6);
        assertThat(ha.run("exec count(*) from loadTable('dfs://demo','trades')").getString())
                .isEqualTo("6");
        ha.close();
    }
}
