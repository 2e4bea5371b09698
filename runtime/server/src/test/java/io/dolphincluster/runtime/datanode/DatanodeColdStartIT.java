package io.dolphincluster.runtime.datanode;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.runtime.testkit.AdminClient;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.DataCluster;
import io.dolphincluster.runtime.testkit.DatanodeProcess;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A datanode started before any controller runs (a cold start on Kubernetes): its HTTP server
 * answers health at once, so a liveness probe does not kill it while it waits, and reports not
 * ready until a leader has registered it.
 */
class DatanodeColdStartIT {
    private static final Duration BOUND = Duration.ofSeconds(60);

    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void healthAnswersWhileNoControllerIsReachableAndReadinessFollowsTheRegistration()
            throws Exception {
        DataCluster cluster = clusters.createData(1, Map.of(), 1);
        DatanodeProcess datanode = cluster.datanode("datanode1");

        datanode.start();

        AdminClient http = datanode.http();
        Awaitility.await("datanode1 healthy")
                .atMost(BOUND)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> http.get("/api/health").status() == 200);
        assertThat(http.get("/api/ready").status()).isEqualTo(503);
        Awaitility.await("datanode1 gave up on the controllers once")
                .atMost(BOUND)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () ->
                                datanode.log()
                                        .contains("[datanode1] waiting for a controller leader"));
        assertThat(http.get("/api/health").status()).isEqualTo(200);
        AdminClient.Response notReady = http.get("/api/ready");
        assertThat(notReady.status()).isEqualTo(503);
        assertThat(notReady.body().get("ready").asBoolean()).isFalse();

        cluster.controllers().startAll();
        cluster.controllers().awaitLeader(BOUND);
        DataCluster.awaitReady(datanode, BOUND);
        assertThat(http.get("/api/ready").body().get("ready").asBoolean()).isTrue();
    }
}
