package io.dolphincluster.runtime.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.runtime.testkit.AdminClient;
import io.dolphincluster.runtime.testkit.AgentProcess;
import io.dolphincluster.runtime.testkit.ControllerCluster;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import io.dolphincluster.runtime.testkit.Credentials;
import io.dolphincluster.runtime.testkit.DataCluster;
import io.dolphincluster.runtime.testkit.DatanodeProcess;
import io.dolphincluster.runtime.testkit.Machine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code listenHost=0.0.0.0}: every port of a controller, a datanode and an agent answers on any
 * address of the machine (as {@code kubectl port-forward} needs: it connects to 127.0.0.1 inside
 * the pod), while {@code localSite} stays the address the cluster knows the node by. Without it a
 * node listens on its {@code localSite} host only.
 */
class ListenHostIT {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Machine SECOND_ADDRESS = new Machine("machine2", "127.0.0.2", List.of());
    private static final int RAFT_PORT_OFFSET = 1000;

    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void withTheWildcardEveryPortAnswersOnLoopbackWhileLocalSiteStaysTheNodesAddress()
            throws Exception {
        DataCluster cluster =
                clusters.createData(List.of(SECOND_ADDRESS), Map.of("listenHost", "0.0.0.0"));
        ControllerProcess controller = cluster.controllers().get("controller1");
        DatanodeProcess datanode = cluster.datanode("datanode1");
        Files.writeString(
                datanode.dir().resolve("config/datanode.cfg"),
                "listenHost=0.0.0.0\n",
                StandardOpenOption.APPEND);
        AgentProcess agent =
                cluster.controllers()
                        .addAgent("agent1", List.of(), Map.of("listenHost", "0.0.0.0"));

        cluster.startAll(BOUND);
        agent.start();

        AdminClient controllerOnLoopback =
                new AdminClient(
                        "http://127.0.0.1:" + controller.port(),
                        Credentials.member("testkit", cluster.controllers().credential()));
        assertThat(controllerOnLoopback.get("/api/health").status()).isEqualTo(200);
        assertThat(controllerOnLoopback.get("/api/leader").body().get("site").asText())
                .isEqualTo(controller.site());
        assertThat(accepts("127.0.0.1", controller.port() + RAFT_PORT_OFFSET))
                .as("Raft port")
                .isTrue();

        AdminClient datanodeOnLoopback =
                new AdminClient("http://127.0.0.1:" + (datanode.port() + 1000), Credentials.none());
        assertThat(datanodeOnLoopback.get("/api/ready").status()).isEqualTo(200);
        assertThat(accepts("127.0.0.1", datanode.port())).as("data port").isTrue();
        assertThat(registeredSite(controllerOnLoopback, "datanode1")).isEqualTo(datanode.site());

        AdminClient agentElsewhere =
                new AdminClient(
                        "http://127.0.0.2:" + agent.site().split(":")[1], Credentials.none());
        Awaitility.await("agent1 answers on 127.0.0.2")
                .atMost(BOUND)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> agentElsewhere.get("/api/health").status() == 200);
        Awaitility.await("agent1 registered")
                .atMost(BOUND)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> agent.site().equals(registeredSite(controllerOnLoopback, "agent1")));
    }

    @Test
    void byDefaultANodeListensOnlyOnTheHostOfItsLocalSite() throws Exception {
        ControllerCluster cluster = clusters.create(List.of(SECOND_ADDRESS), Map.of());
        ControllerProcess controller = cluster.get("controller1");

        cluster.startAll();
        cluster.awaitLeader(BOUND);

        assertThat(controller.admin().get("/api/health").status()).isEqualTo(200);
        assertThat(accepts("127.0.0.1", controller.port())).isFalse();
        assertThat(accepts("127.0.0.1", controller.port() + RAFT_PORT_OFFSET)).isFalse();
    }

    private static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String registeredSite(AdminClient controller, String alias) {
        for (var node : controller.get("/api/nodes").body().get("nodes")) {
            if (node.get("alias").asText().equals(alias)) return node.get("site").asText();
        }
        return null;
    }
}
