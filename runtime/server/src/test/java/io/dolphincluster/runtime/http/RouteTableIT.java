package io.dolphincluster.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dolphincluster.runtime.testkit.AdminClient;
import io.dolphincluster.runtime.testkit.AgentProcess;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import io.dolphincluster.runtime.testkit.Credentials;
import io.dolphincluster.runtime.testkit.DataCluster;
import io.dolphincluster.runtime.testkit.DatanodeProcess;
import io.dolphincluster.runtime.testkit.StandInDatanode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The route table of every process, as documented in {@code docs/security.md}: each process serves
 * exactly the routes listed here with exactly the access listed (a new route must be added here,
 * with its access, or this test fails), and every route is tried without credentials, with wrong
 * ones, as a reader, as an admin and as a member node: a public route answers everyone; any other
 * route answers 401 without good credentials; a user route answers every user and member; an admin
 * route answers 403 to a reader; a member route answers 403 to every user.
 */
class RouteTableIT {
    private static final List<String> CONTROLLER =
            List.of(
                    "GET /api/health PUBLIC",
                    "GET /api/ready PUBLIC",
                    "GET /metrics PUBLIC",
                    "GET / PUBLIC",
                    "GET /index.html PUBLIC",
                    "GET /ui/{file} PUBLIC",
                    "GET /api/leader USER",
                    "GET /api/raft USER",
                    "GET /api/nodes USER",
                    "GET /api/metadata USER",
                    "GET /api/config USER",
                    "GET /api/admin/members USER",
                    "GET /api/chunks USER",
                    "GET /api/chunks/{id} USER",
                    "GET /api/replication USER",
                    "GET /api/admin/datanodes/{alias}/drain USER",
                    "GET /api/admin/login USER",
                    "PUT /api/users/{name}/password USER",
                    "GET /api/cluster-nodes USER",
                    "GET /api/datanodes USER",
                    "GET /api/routes USER",
                    "POST /api/notebook USER",
                    "POST /api/databases ADMIN",
                    "POST /api/tables ADMIN",
                    "DELETE /api/databases/{name} ADMIN",
                    "DELETE /api/databases/{name}/tables/{table} ADMIN",
                    "PUT /api/config/{key} ADMIN",
                    "PUT /api/nodes/{alias}/config/{key} ADMIN",
                    "POST /api/admin/members ADMIN",
                    "DELETE /api/admin/members/{alias} ADMIN",
                    "POST /api/admin/leader ADMIN",
                    "POST /api/admin/datanodes/{alias}/drain ADMIN",
                    "DELETE /api/admin/datanodes/{alias}/drain ADMIN",
                    "DELETE /api/admin/datanodes/{alias} ADMIN",
                    "PUT /api/users/{name} ADMIN",
                    "DELETE /api/users/{name} ADMIN",
                    "POST /api/datanodes/{alias}/start ADMIN",
                    "POST /api/datanodes/{alias}/stop ADMIN",
                    "POST /api/nodes MEMBER",
                    "POST /api/heartbeat MEMBER",
                    "POST /api/chunks MEMBER",
                    "POST /api/chunks/{id}/replicas/{node} MEMBER",
                    "DELETE /api/chunks/{id}/replicas/{node} MEMBER",
                    "POST /api/nodes/{alias}/unreachable MEMBER",
                    "GET /api/internal/users MEMBER");
    private static final List<String> AGENT =
            List.of(
                    "GET /api/health PUBLIC",
                    "GET /metrics PUBLIC",
                    "GET /api/datanodes USER",
                    "GET /api/routes USER",
                    "POST /api/datanodes/{alias}/start ADMIN",
                    "POST /api/datanodes/{alias}/stop ADMIN");
    private static final List<String> DATANODE =
            List.of(
                    "GET /api/health PUBLIC",
                    "GET /api/ready PUBLIC",
                    "GET /metrics PUBLIC",
                    "GET / PUBLIC",
                    "GET /ui/{file} PUBLIC",
                    "GET /api/chunks USER",
                    "GET /api/routes USER",
                    "GET /api/admin/login USER",
                    "POST /api/notebook USER");
    private static final String READER = "reader1";

    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void everyRouteOfEveryProcessAnswersAsDocumented() throws Exception {
        DataCluster cluster = clusters.createData(1, Map.of("dfsReplicaReliabilityLevel", "0"), 1);
        AgentProcess agent =
                cluster.controllers()
                        .addAgent(
                                "agent1",
                                List.of(),
                                Map.of("datanodeCommand", StandInDatanode.command()));
        cluster.startAll(Duration.ofSeconds(90));
        agent.start();
        ControllerProcess controller = cluster.controllers().all().get(0);
        DatanodeProcess datanode = cluster.datanodes().get(0);
        org.awaitility.Awaitility.await("agent1 up")
                .atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> agent.admin().get("/api/datanodes").ok());
        assertThat(
                        controller
                                .admin(Credentials.ADMIN)
                                .write(
                                        "PUT",
                                        "/api/users/" + READER,
                                        Map.of("password", "reader-pw-1", "role", "reader"))
                                .status())
                .isEqualTo(200);
        org.awaitility.Awaitility.await("the reader known to the agent and the datanode")
                .atMost(Duration.ofSeconds(20))
                .until(
                        () ->
                                agent.admin().as(reader()).get("/api/datanodes").ok()
                                        && datanode.http(reader()).get("/api/chunks").ok());

        check("controller", controller.admin(), CONTROLLER);
        check("agent", agent.admin(), AGENT);
        check("datanode", datanode.http(), DATANODE);
    }

    private static Credentials reader() {
        return Credentials.basic(READER, "reader-pw-1");
    }

    private static void check(String process, AdminClient member, List<String> documented) {
        List<String> served = new ArrayList<>();
        for (JsonNode route : member.get(HttpApiServer.ROUTE_TABLE).body().get("routes")) {
            served.add(
                    route.get("method").asText()
                            + " "
                            + route.get("path").asText()
                            + " "
                            + route.get("access").asText());
        }
        assertThat(served)
                .as("the %s's routes and their access, as documented", process)
                .containsExactlyInAnyOrderElementsOf(documented);

        Map<String, AdminClient> callers =
                Map.of(
                        "nobody", member.as(Credentials.none()),
                        "a wrong password",
                                member.as(Credentials.basic("admin", "not-the-password")),
                        "a forged member token",
                                member.as(
                                        Credentials.member(
                                                "intruder",
                                                io.dolphincluster.protocol.auth.ClusterCredential
                                                        .of(
                                                                io.dolphincluster.protocol.auth
                                                                        .ClusterCredential
                                                                        .generateSecret()))),
                        "a reader", member.as(reader()),
                        "an admin", member.as(Credentials.ADMIN),
                        "a member", member);
        Set<String> failures = new LinkedHashSet<>();
        for (String route : documented) {
            String[] parts = route.split(" ");
            String method = parts[0];
            Access access = Access.valueOf(parts[2]);
            String path = concrete(parts[1]);
            callers.forEach(
                    (who, client) -> {
                        int status = client.send(method, path, null).status();
                        int expected = expected(who, access);
                        boolean ok =
                                expected == 0
                                        ? status != 401 && status != 403 && status != 0
                                        : status == expected;
                        if (!ok)
                            failures.add(
                                    process
                                            + ": "
                                            + method
                                            + " "
                                            + path
                                            + " ("
                                            + access
                                            + ") by "
                                            + who
                                            + " answered "
                                            + status
                                            + ", expected "
                                            + (expected == 0 ? "neither 401 nor 403" : expected));
                    });
        }
        assertThat(failures).as("routes that did not answer as documented").isEmpty();
    }

    /** 401, 403, or 0 for "let through" (any answer but 401 and 403). */
    private static int expected(String who, Access access) {
        if (access == Access.PUBLIC) return 0;
        return switch (who) {
            case "nobody", "a wrong password", "a forged member token" -> 401;
            case "a reader" -> access == Access.USER ? 0 : 403;
            case "an admin" -> access == Access.MEMBER ? 403 : 0;
            default -> 0;
        };
    }

    /** A path for the pattern: parameters name nothing that exists, so no call changes anything. */
    private static String concrete(String pattern) {
        if (pattern.equals("/api/users/{name}/password"))
            return "/api/users/" + READER + "/password";
        if (pattern.equals("/ui/{file}")) return "/ui/app.js";
        return pattern.replaceAll("\\{[a-z]+}", "nosuch");
    }
}
