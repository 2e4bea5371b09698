package io.dolphincluster.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.runtime.auth.BasicCredentials;
import io.dolphincluster.runtime.testkit.ControllerCluster;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code adminAuthRequired=true} on a real controller: the admin endpoints that change the cluster want an
 * admin's HTTP Basic credentials, the data plane's endpoints do not.
 */
class AdminAuthIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    final ControllerClusters clusters = new ControllerClusters();

    @Test
    void withTheSettingTheAdminEndpointsWantAnAdminsCredentialsAndTheDataPlaneDoesNot() throws Exception {
        ControllerCluster cluster = clusters.create(1, Map.of("adminAuthRequired", "true"));
        cluster.startAll();
        ControllerProcess leader = cluster.get(cluster.awaitLeader(Duration.ofSeconds(60)));
        // the first leader commits the admin user just after it takes over
        org.awaitility.Awaitility.await("admin user created").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> leader.admin().get("/api/internal/users").body().toString().contains("\"name\":\"admin\""));
        String body = "{\"value\":\"64\"}";

        HttpResponse<String> anonymous = send(leader, "PUT", "/api/config/maxConnections", body, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(send(leader, "PUT", "/api/config/maxConnections", body, new BasicCredentials("admin", "wrong-secret-7")).statusCode())
                .isEqualTo(401);
        assertThat(send(leader, "GET", "/api/admin/login", null, new BasicCredentials("admin", "wrong-secret-7")).statusCode())
                .isEqualTo(401);
        assertThat(leader.admin().config()).doesNotContainKey("maxConnections");
        assertThat(Files.readString(leader.logFile())).contains("admin login as admin refused").doesNotContain("wrong-secret-7");

        BasicCredentials admin = new BasicCredentials("admin", "123456");
        assertThat(send(leader, "GET", "/api/admin/login", null, admin).body()).contains("\"user\":\"admin\"");
        assertThat(send(leader, "PUT", "/api/config/maxConnections", body, admin).statusCode()).isEqualTo(200);
        assertThat(leader.admin().config()).containsEntry("maxConnections", "64");

        String register = "{\"alias\":\"datanode1\",\"site\":\"127.0.0.1:18911\",\"mode\":\"datanode\"}";
        assertThat(send(leader, "POST", "/api/nodes", register, null).statusCode()).as("the data plane is not gated").isEqualTo(200);
        assertThat(send(leader, "POST", "/api/heartbeat", "{\"alias\":\"datanode1\"}", null).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> send(ControllerProcess controller, String method, String path, String body,
                                             BasicCredentials credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + controller.site() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (credentials != null) request.header("Authorization", credentials.header());
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
