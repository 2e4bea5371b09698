package io.dolphincluster.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dolphincluster.client.ClientOptions;
import io.dolphincluster.client.DBConnection;
import io.dolphincluster.protocol.data.Column;
import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.protocol.query.Aggregate;
import io.dolphincluster.protocol.query.Query;
import io.dolphincluster.runtime.testkit.AdminClient;
import io.dolphincluster.runtime.testkit.AgentProcess;
import io.dolphincluster.runtime.testkit.ControllerCluster;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import io.dolphincluster.runtime.testkit.Credentials;
import io.dolphincluster.runtime.testkit.DataCluster;
import io.dolphincluster.runtime.testkit.DatanodeProcess;
import io.dolphincluster.runtime.testkit.NodeProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code enableHTTPS=true} on three real controller processes: HTTPS only, mutual TLS on the Raft
 * port, a leader killed with kill -9 replaced, a certificate rotated on disk served without a
 * restart, and no key in any log.
 */
class TlsClusterIT {
    private static final Duration START_BOUND = Duration.ofSeconds(60);
    private static final Duration FAILOVER_BOUND = Duration.ofSeconds(15);

    private static final Schema SCHEMA =
            Schema.of(new Column("id", ColumnType.LONG), new Column("day", ColumnType.DATE));

    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void datanodesServeAndReplicateOverTlsOnlyThroughAFailover() throws Exception {
        DataCluster cluster = clusters.createData(3, Map.of("enableHTTPS", "true"), 1, 1);
        String leader = cluster.startAll(START_BOUND);
        DatanodeProcess entry = cluster.datanode("datanode1");
        ClientOptions tls =
                ClientOptions.defaults()
                        .withTls(cluster.controllers().tls().client().nettyClient());

        try (DBConnection client = new DBConnection(tls)) {
            client.connect(entry.host(), entry.port(), "admin", "123456", "", true);
            client.createDatabase("dfs://tls", "VALUE");
            client.createTable("dfs://tls", "events", SCHEMA, "day");
            client.append("dfs://tls", "events", rows(0, 1000));
            assertThat(count(client)).isEqualTo(1000L);

            cluster.controllers().get(leader).kill();
            client.append("dfs://tls", "events", rows(1000, 500));
            assertThat(count(client)).isEqualTo(1500L);
        }
        assertThat(cluster.controllers().awaitLeader(FAILOVER_BOUND)).isNotEqualTo(leader);
        cluster.awaitEveryReplicaInSync(Duration.ofSeconds(30));

        try (DBConnection plain =
                new DBConnection(
                        ClientOptions.defaults().withFailoverDeadline(Duration.ofSeconds(3)))) {
            assertThatThrownBy(
                            () ->
                                    plain.connect(
                                            entry.host(),
                                            entry.port(),
                                            "admin",
                                            "123456",
                                            "",
                                            false))
                    .as("a plain client of a TLS data port")
                    .isNotNull();
        }
        await("the data port's refusal logged")
                .atMost(Duration.ofSeconds(10))
                .until(
                        () ->
                                entry.log()
                                        .contains(
                                                "it is not TLS (plain text to a port with enableHTTPS=true?)"));
        com.xxdb.DBConnection dolphin = new com.xxdb.DBConnection(false, true);
        try {
            assertThat(dolphin.connect(entry.host(), entry.port(), "admin", "123456"))
                    .as("DolphinDB's Java API, useSSL")
                    .isTrue();
            assertThat(dolphin.run("getActiveMaster()").getString()).isNotEmpty();
        } finally {
            dolphin.close();
        }

        List<NodeProcess> all = new ArrayList<>(cluster.controllers().all());
        all.addAll(cluster.datanodes());
        assertNoKeyInLogs(all);
    }

    @Test
    void anAgentStartsItsDatanodesWithItsOwnTls() throws Exception {
        ControllerCluster cluster = clusters.create(1, Map.of("enableHTTPS", "true"));
        AgentProcess agent = cluster.addAgent("agent1", List.of("datanode1"), Map.of());
        cluster.startAll();
        ControllerProcess leader = cluster.get(cluster.awaitLeader(START_BOUND));
        agent.start();

        await("the leader starts datanode1 through agent1, over https")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () ->
                                leader.admin()
                                                .send(
                                                        "POST",
                                                        "/api/datanodes/datanode1/start",
                                                        null)
                                                .status()
                                        == 200);
        Path cfg = agent.datanodeDir("datanode1").resolve("datanode.cfg");
        assertThat(Files.readAllLines(cfg))
                .contains(
                        "enableHTTPS=true",
                        "tlsCertFile="
                                + agent.dir()
                                        .resolve("config/tls/tls.crt")
                                        .toAbsolutePath()
                                        .normalize());
        String site =
                Files.readAllLines(cfg).stream()
                        .filter(l -> l.startsWith("localSite="))
                        .findFirst()
                        .orElseThrow()
                        .substring("localSite=".length());
        String[] parts = site.split(":");
        URI ready =
                URI.create(
                        "https://"
                                + parts[0]
                                + ":"
                                + (Integer.parseInt(parts[1]) + 1000)
                                + "/api/ready");
        await("datanode1 ready over https")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(
                        () ->
                                cluster.tls()
                                                .client()
                                                .httpClient()
                                                .build()
                                                .send(
                                                        HttpRequest.newBuilder(ready).build(),
                                                        HttpResponse.BodyHandlers.discarding())
                                                .statusCode()
                                        == 200);

        assertNoKeyInLogs(List.of(leader, agent));
    }

    private static RowBatch rows(long from, int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (long id = from; id < from + count; id++)
            rows.add(List.of(id, java.time.LocalDate.of(2024, 6, 1 + (int) (id % 4))));
        return new RowBatch(SCHEMA, rows);
    }

    private static long count(DBConnection client) {
        return (Long)
                client.query(Query.from("dfs://tls", "events").aggregate(Aggregate.Fn.COUNT, null))
                        .rows()
                        .get(0)
                        .get(0);
    }

    @Test
    void controllersSpeakTlsOnlyElectAndFailOver() throws Exception {
        ControllerCluster cluster = clusters.create(3, Map.of("enableHTTPS", "true"));
        cluster.startAll();
        String leader = cluster.awaitLeader(START_BOUND);
        ControllerProcess follower =
                cluster.all().stream()
                        .filter(c -> !c.alias().equals(leader))
                        .findFirst()
                        .orElseThrow();

        assertThat(cluster.get(leader).log()).contains("admin API listening on https://");
        AdminClient.Response redirect =
                follower.admin().send("PUT", "/api/config/color", Map.of("value", "blue"));
        assertThat(redirect.location())
                .isEqualTo("https://" + cluster.get(leader).site() + "/api/config/color");
        assertThat(follower.admin().putConfig("color", "blue").status()).isEqualTo(200);

        AdminClient plain =
                new AdminClient(
                        "http://" + follower.site(),
                        Credentials.member("testkit", cluster.credential()));
        assertThat(plain.get("/api/health").status())
                .as("plain HTTP to a TLS port: the connection is closed")
                .isZero();
        await("the refusal logged")
                .atMost(Duration.ofSeconds(10))
                .until(
                        () ->
                                follower.log()
                                        .contains(
                                                "it is not TLS (plain text to a port with enableHTTPS=true?)"));

        String raftAddress = follower.machine().host() + ":" + (follower.port() + 1000);
        assertThatThrownBy(
                        () ->
                                RaftClientProbe.groupInfo(
                                        follower.alias(), raftAddress, ClusterTls.off()))
                .as("a Raft client without TLS")
                .hasMessageContaining("UNAVAILABLE");
        ClusterTls stranger =
                ClusterTls.on(
                        new TestPki(follower.dir().getParent().resolve("other-ca"))
                                .issue(
                                        follower.dir().getParent().resolve("stranger"),
                                        "127.0.0.1"));
        assertThatThrownBy(() -> RaftClientProbe.groupInfo(follower.alias(), raftAddress, stranger))
                .as("a Raft client with a certificate of another CA")
                .hasMessageContaining("UNAVAILABLE");
        assertThat(
                        RaftClientProbe.groupInfo(
                                        follower.alias(), raftAddress, cluster.tls().client())
                                .isSuccess())
                .as("a Raft client with a certificate of the cluster CA")
                .isTrue();

        cluster.get(leader).kill();
        ControllerProcess survivor = follower;
        await("a write commits after kill -9 of the leader")
                .atMost(FAILOVER_BOUND)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> survivor.admin().putConfig("after-failover", "yes").ok());
        assertThat(cluster.awaitLeader(FAILOVER_BOUND)).isNotEqualTo(leader);
        assertThat(survivor.admin().config()).containsEntry("color", "blue");

        assertNoKeyInLogs(cluster.all());
    }

    @Test
    void aCertificateRotatedOnDiskIsServedWithoutRestart() throws Exception {
        ControllerCluster cluster = clusters.create(3, Map.of("enableHTTPS", "true"));
        cluster.startAll();
        cluster.awaitLeader(START_BOUND);
        ControllerProcess controller = cluster.all().get(0);
        long pid = controller.pid();

        cluster.tls()
                .pki()
                .issue(
                        controller.dir().resolve("config/tls"),
                        controller.machine().host(),
                        "rotated.example");

        URI health = URI.create("https://" + controller.site() + "/api/health");
        await("the rotated certificate served to a new connection")
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(
                        () -> {
                            HttpResponse<Void> response =
                                    cluster.tls()
                                            .client()
                                            .httpClient()
                                            .connectTimeout(Duration.ofSeconds(2))
                                            .build()
                                            .send(
                                                    HttpRequest.newBuilder(health).build(),
                                                    HttpResponse.BodyHandlers.discarding());
                            X509Certificate served =
                                    (X509Certificate)
                                            response.sslSession()
                                                    .orElseThrow()
                                                    .getPeerCertificates()[0];
                            return served.getSubjectAlternativeNames().stream()
                                    .anyMatch(n -> "rotated.example".equals(n.get(1)));
                        });
        assertThat(controller.pid()).isEqualTo(pid);
        assertThat(controller.isAlive()).isTrue();
        assertThat(controller.log()).contains("TLS certificate reloaded");
        cluster.get(cluster.awaitLeader(START_BOUND)).admin().putConfig("after-rotation", "yes");
        assertThat(controller.admin().get("/api/leader").status()).isEqualTo(200);

        assertNoKeyInLogs(cluster.all());
    }

    /**
     * No log of any process holds a private key: neither a PEM marker nor the base64 of any node's
     * key.
     */
    static void assertNoKeyInLogs(List<? extends NodeProcess> processes) throws IOException {
        List<String> keys = new ArrayList<>();
        for (NodeProcess process : processes) {
            Path key = process.dir().resolve("config/tls/tls.key");
            String pem = Files.readString(key);
            keys.add(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        }
        for (NodeProcess process : processes) {
            try (Stream<Path> logs = Files.walk(process.dir().resolve("log"))) {
                for (Path log : logs.filter(Files::isRegularFile).toList()) {
                    String text = Files.readString(log);
                    assertThat(text).as(log.toString()).doesNotContain("PRIVATE KEY");
                    for (String key : keys)
                        assertThat(text).as(log.toString()).doesNotContain(key.substring(0, 40));
                }
            }
        }
    }
}
