package io.dolphincluster.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.runtime.testkit.AdminClient;
import io.dolphincluster.runtime.testkit.ControllerCluster;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import io.dolphincluster.runtime.testkit.Credentials;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chunk endpoints on one controller (factor 2, reliability level 1), with datanodes played by
 * the test.
 */
class ChunkApiIT {
    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void chunksArePlacedOnDistinctMachinesAndKeepAnInSyncReplica() throws Exception {
        ControllerCluster cluster = clusters.create(1, Map.of());
        cluster.startAll();
        ControllerProcess controller = cluster.get(cluster.awaitLeader(Duration.ofSeconds(60)));
        AdminClient admin = controller.admin();
        try (FakeDatanodes datanodes = new FakeDatanodes(controller::admin, 1_000)) {
            datanodes.register("datanode1", 18_921, "machineA", "");
            datanodes.register("datanode2", 18_922, "machineA", "");
            Map<String, String> key =
                    Map.of("database", "trades", "table", "quotes", "partitionKey", "2024.01.02");

            assertThat(admin.write("POST", "/api/chunks", key).status())
                    .as("no database yet")
                    .isEqualTo(404);
            admin.write(
                    "POST",
                    "/api/databases",
                    Map.of("name", "trades", "partitionScheme", "VALUE(date)"));
            assertThat(admin.write("POST", "/api/chunks", key).status())
                    .as("no table yet")
                    .isEqualTo(404);
            admin.write(
                    "POST",
                    "/api/tables",
                    Map.of(
                            "database",
                            "trades",
                            "name",
                            "quotes",
                            "partitionColumn",
                            "date",
                            "columns",
                            List.of(Map.of("name", "date", "type", "DATE"))));

            AdminClient.Response oneMachine = admin.write("POST", "/api/chunks", key);
            assertThat(oneMachine.status()).isEqualTo(422);
            assertThat(oneMachine.body().get("error").asText())
                    .isEqualTo(
                            "dfsReplicaReliabilityLevel=1 needs 2 machines with a live datanode, found 1: machineA (datanode1, datanode2)");
            assertThat(admin.get("/api/chunks?database=trades").body().get("chunks")).isEmpty();

            datanodes.register("datanode3", 18_923, "machineB", "");
            AdminClient.Response created = admin.write("POST", "/api/chunks", key);
            assertThat(created.status()).as("%s", created.body()).isEqualTo(200);
            assertThat(created.body().get("id").asText()).isEqualTo("trades~quotes~2024.01.02");
            assertThat(created.body().get("replicas"))
                    .extracting(r -> r.get("node").asText())
                    .containsExactly("datanode1", "datanode3");
            assertThat(admin.write("POST", "/api/chunks", key).body())
                    .as("created once")
                    .isEqualTo(created.body());

            AdminClient.Response slash =
                    admin.write(
                            "POST",
                            "/api/chunks",
                            Map.of(
                                    "database",
                                    "trades",
                                    "table",
                                    "quotes",
                                    "partitionKey",
                                    "a/b c"));
            String slashId = slash.body().get("id").asText();
            assertThat(slashId).isEqualTo("trades~quotes~a_2Fb_20c");
            assertThat(admin.get("/api/chunks/" + slashId).body().get("partitionKey").asText())
                    .isEqualTo("a/b c");
            assertThat(admin.get("/api/chunks?database=trades&table=quotes").body().get("chunks"))
                    .hasSize(2);
            assertThat(admin.get("/api/chunks?database=other").body().get("chunks")).isEmpty();
            assertThat(admin.get("/api/chunks/nope").status()).isEqualTo(404);

            String replicas = "/api/chunks/trades~quotes~2024.01.02/replicas/";
            assertThat(
                            admin.write(
                                            "POST",
                                            replicas + "datanode1",
                                            Map.of("inSync", false, "version", 3))
                                    .status())
                    .isEqualTo(200);
            AdminClient.Response last =
                    admin.write(
                            "POST", replicas + "datanode3", Map.of("inSync", false, "version", 3));
            assertThat(last.status()).isEqualTo(409);
            assertThat(last.body().get("error").asText()).contains("last in-sync replica");
            assertThat(admin.write("DELETE", replicas + "datanode3", null).status()).isEqualTo(409);
            assertThat(admin.write("POST", replicas + "datanode9", Map.of("inSync", true)).status())
                    .isEqualTo(404);
            assertThat(
                            admin.write(
                                            "POST",
                                            replicas + "datanode2",
                                            Map.of("inSync", false, "version", 0))
                                    .status())
                    .isEqualTo(200);
            AdminClient.Response removed = admin.write("DELETE", replicas + "datanode1", null);
            assertThat(removed.status()).isEqualTo(200);
            assertThat(removed.body().get("replicas"))
                    .extracting(r -> r.get("node").asText() + ":" + r.get("inSync").asBoolean())
                    .containsExactly("datanode3:true", "datanode2:false");
            assertThat(admin.write("DELETE", replicas + "datanode1", null).status()).isEqualTo(404);
        }
    }

    @Test
    void theFirstLeaderCreatesAdminWhosePasswordHashOnlyMembersSee() throws Exception {
        String password = System.getenv().getOrDefault("DOLPHIN_ADMIN_PASSWORD", "123456");
        ControllerCluster cluster = clusters.create(1, Map.of());
        cluster.startAll();
        ControllerProcess controller = cluster.get(cluster.awaitLeader(Duration.ofSeconds(60)));
        AdminClient member = controller.admin();

        org.awaitility.Awaitility.await("admin user")
                .atMost(Duration.ofSeconds(20))
                .until(() -> member.get("/api/internal/users").body().path("users").size() == 1);
        var user = member.get("/api/internal/users").body().get("users").get(0);
        assertThat(user.get("name").asText()).isEqualTo("admin");
        assertThat(user.get("role").asText()).isEqualTo("admin");
        String hash = user.get("passwordHash").asText();
        assertThat(hash).startsWith("pbkdf2-sha256$120000$");
        assertThat(
                        controller
                                .admin(Credentials.basic("admin", password))
                                .get("/api/internal/users")
                                .status())
                .as("hashes are for member nodes only")
                .isEqualTo(403);
        assertThat(controller.admin(Credentials.none()).get("/api/internal/users").status())
                .isEqualTo(401);
        assertThat(member.get("/api/internal/secret").status())
                .as("nothing serves the cluster secret")
                .isEqualTo(404);

        String metadata = member.get("/api/metadata").body().toString();
        assertThat(metadata)
                .contains("\"admin\"")
                .doesNotContain(hash)
                .doesNotContain(cluster.secret())
                .doesNotContain("passwordHash");
        assertThat(member.get("/api/config").body().toString()).doesNotContain(cluster.secret());

        AdminClient admin = controller.admin(Credentials.basic("admin", password));
        AdminClient.Response wrong =
                admin.write(
                        "PUT",
                        "/api/users/admin/password",
                        Map.of("oldPassword", "not-" + password, "newPassword", "s3cret-new"));
        assertThat(wrong.status()).isEqualTo(403);
        AdminClient.Response changed =
                admin.write(
                        "PUT",
                        "/api/users/admin/password",
                        Map.of("oldPassword", password, "newPassword", "s3cret-new"));
        assertThat(changed.status()).as("%s", changed.body()).isEqualTo(200);
        String newHash =
                controller
                        .admin()
                        .get("/api/internal/users")
                        .body()
                        .get("users")
                        .get(0)
                        .get("passwordHash")
                        .asText();
        assertThat(newHash).isNotEqualTo(hash);
        assertThat(io.dolphincluster.runtime.auth.PasswordHash.verify("s3cret-new", newHash))
                .isTrue();
        admin = controller.admin(Credentials.basic("admin", "s3cret-new"));
        assertThat(
                        admin.write(
                                        "PUT",
                                        "/api/users/nobody/password",
                                        Map.of("oldPassword", "a", "newPassword", "b"))
                                .status())
                .isEqualTo(404);
        String log = controller.log();
        assertThat(log).doesNotContain(cluster.secret());

        assertThat(log)
                .contains("[" + controller.alias() + "] created user admin")
                .contains("password change for user admin refused")
                .contains("[" + controller.alias() + "] password of user admin changed")
                .doesNotContain("s3cret-new")
                .doesNotContain("not-" + password);
    }
}
