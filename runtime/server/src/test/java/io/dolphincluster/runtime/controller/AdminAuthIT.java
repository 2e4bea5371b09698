package io.dolphincluster.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.runtime.testkit.AdminClient;
import io.dolphincluster.runtime.testkit.ControllerCluster;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import io.dolphincluster.runtime.testkit.Credentials;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Authentication by default on a real controller: the admin endpoints want an admin's HTTP Basic
 * credentials (401 without or with wrong ones, logged without the password; 403 for a reader),
 * users are created with a role, a reader reads and changes only its own password, and the data
 * plane's endpoints want a member token, never a user.
 */
class AdminAuthIT {
    private static final String WRONG = "wrong-secret-7";

    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void theAdminEndpointsWantAnAdminAndTheDataPlaneWantsAMember() throws Exception {
        ControllerCluster cluster = clusters.create(1, Map.of());
        cluster.startAll();
        ControllerProcess leader = cluster.get(cluster.awaitLeader(Duration.ofSeconds(60)));
        leader.awaitAdminUser(Duration.ofSeconds(30));
        Map<String, String> value = Map.of("value", "64");
        AdminClient anonymous = leader.admin(Credentials.none());
        AdminClient wrong = leader.admin(Credentials.basic("admin", WRONG));
        AdminClient admin = leader.admin(Credentials.ADMIN);

        AdminClient.Response refused = anonymous.send("PUT", "/api/config/maxConnections", value);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(wrong.send("PUT", "/api/config/maxConnections", value).status()).isEqualTo(401);
        assertThat(wrong.get("/api/admin/login").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/nodes").status())
                .as("reads want a login too")
                .isEqualTo(401);
        assertThat(leader.admin().config()).doesNotContainKey("maxConnections");
        assertThat(Files.readString(leader.logFile()))
                .contains("login as admin refused")
                .doesNotContain(WRONG);

        assertThat(admin.get("/api/admin/login").body().toString())
                .contains("\"user\":\"admin\"")
                .contains("\"role\":\"admin\"");
        assertThat(admin.send("PUT", "/api/config/maxConnections", value).status()).isEqualTo(200);
        assertThat(leader.admin().config()).containsEntry("maxConnections", "64");

        assertThat(
                        admin.send(
                                        "PUT",
                                        "/api/users/alice",
                                        Map.of("password", "alice-pw-1", "role", "reader"))
                                .status())
                .isEqualTo(200);
        AdminClient alice = leader.admin(Credentials.basic("alice", "alice-pw-1"));
        assertThat(alice.get("/api/admin/login").body().get("role").asText()).isEqualTo("reader");
        assertThat(alice.get("/api/nodes").status()).isEqualTo(200);
        assertThat(alice.send("PUT", "/api/config/maxConnections", value).status()).isEqualTo(403);
        assertThat(
                        alice.send(
                                        "PUT",
                                        "/api/users/alice",
                                        Map.of("password", "x", "role", "admin"))
                                .status())
                .as("a reader cannot make itself an admin")
                .isEqualTo(403);
        assertThat(
                        alice.send(
                                        "PUT",
                                        "/api/users/admin/password",
                                        Map.of("oldPassword", "123456", "newPassword", "mine"))
                                .status())
                .as("nor change another user's password")
                .isEqualTo(403);
        assertThat(
                        alice.send(
                                        "PUT",
                                        "/api/users/alice/password",
                                        Map.of(
                                                "oldPassword",
                                                "alice-pw-1",
                                                "newPassword",
                                                "alice-pw-2"))
                                .status())
                .isEqualTo(200);
        assertThat(
                        leader.admin(Credentials.basic("alice", "alice-pw-2"))
                                .get("/api/nodes")
                                .status())
                .isEqualTo(200);
        assertThat(admin.send("DELETE", "/api/users/admin", null).status())
                .as("the last admin stays")
                .isEqualTo(409);

        Map<String, String> register =
                Map.of("alias", "datanode1", "site", "127.0.0.1:18911", "mode", "datanode");
        assertThat(anonymous.send("POST", "/api/nodes", register).status()).isEqualTo(401);
        assertThat(admin.send("POST", "/api/nodes", register).status())
                .as("registration is for member nodes only")
                .isEqualTo(403);
        assertThat(leader.admin().send("POST", "/api/nodes", register).status()).isEqualTo(200);
        assertThat(
                        leader.admin()
                                .send("POST", "/api/heartbeat", Map.of("alias", "datanode1"))
                                .status())
                .isEqualTo(200);
        assertThat(admin.send("POST", "/api/heartbeat", Map.of("alias", "datanode1")).status())
                .isEqualTo(403);
    }
}
