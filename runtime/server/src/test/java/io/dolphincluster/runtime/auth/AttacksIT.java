package io.dolphincluster.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dolphincluster.client.DBConnection;
import io.dolphincluster.protocol.auth.ClusterCredential;
import io.dolphincluster.protocol.data.Column;
import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.protocol.query.Query;
import io.dolphincluster.protocol.wire.Envelope;
import io.dolphincluster.protocol.wire.ErrorCode;
import io.dolphincluster.protocol.wire.ErrorReply;
import io.dolphincluster.protocol.wire.Frame;
import io.dolphincluster.protocol.wire.Login;
import io.dolphincluster.protocol.wire.LoginOk;
import io.dolphincluster.protocol.wire.MessageType;
import io.dolphincluster.protocol.wire.PayloadWriter;
import io.dolphincluster.protocol.wire.ReplicaAppend;
import io.dolphincluster.runtime.net.WireTestClient;
import io.dolphincluster.runtime.testkit.AdminClient;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import io.dolphincluster.runtime.testkit.Credentials;
import io.dolphincluster.runtime.testkit.DataCluster;
import io.dolphincluster.runtime.testkit.DatanodeProcess;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The attacks of issue 12, tried against real controllers and datanodes: none of them changes,
 * reveals or joins anything. Fake registration and heartbeats, deleting a chunk's replicas,
 * fetching the cluster secret or the password hashes, reporting a live node unreachable, joining
 * replication as a datanode that does not hold the cluster secret (or with a replayed login), a
 * decode bomb, and connections that never log in.
 */
class AttacksIT {
    private static final Schema SCHEMA =
            Schema.of(
                    new Column("id", ColumnType.LONG),
                    new Column("day", ColumnType.DATE),
                    new Column("qty", ColumnType.LONG));
    private static final int ROWS = 600;

    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void nothingChangesRevealsOrJoinsWithoutTheRightCredentials() throws Exception {
        DataCluster cluster =
                clusters.createData(1, Map.of("dfsChunkNodeHeartBeatTimeout", "4"), 1, 1, 1, 1);
        DatanodeProcess rogue = cluster.datanode("datanode4");
        Files.writeString(
                rogue.dir().resolve("config/cluster.secret"),
                ClusterCredential.generateSecret() + "\n");
        cluster.controllers().startAll();
        ControllerProcess leader =
                cluster.controllers()
                        .get(cluster.controllers().awaitLeader(Duration.ofSeconds(60)));
        List<DatanodeProcess> members = cluster.datanodes().subList(0, 3);
        for (DatanodeProcess datanode : members) datanode.start();
        for (DatanodeProcess datanode : members)
            DataCluster.awaitReady(datanode, Duration.ofSeconds(60));
        DatanodeProcess datanode1 = cluster.datanode("datanode1");
        try (DBConnection client = connect(datanode1, "admin", "123456")) {
            client.createDatabase("dfs://attack", "VALUE");
            client.createTable("dfs://attack", "events", SCHEMA, "day");
            List<List<Object>> rows = new ArrayList<>();
            for (long id = 0; id < ROWS; id++)
                rows.add(List.of(id, LocalDate.of(2024, 5, 1 + (int) (id % 3)), id % 7));
            client.append("dfs://attack", "events", new RowBatch(SCHEMA, rows));
        }
        cluster.awaitEveryReplicaInSync(Duration.ofSeconds(30));
        AdminClient nobody = leader.admin(Credentials.none());
        AdminClient admin = leader.admin(Credentials.ADMIN);
        AdminClient outsider =
                leader.admin(
                        Credentials.member(
                                "datanode9",
                                ClusterCredential.of(ClusterCredential.generateSecret())));
        assertThat(
                        admin.write(
                                        "PUT",
                                        "/api/users/reader1",
                                        Map.of("password", "reader-pw-1", "role", "reader"))
                                .status())
                .isEqualTo(200);

        // the cluster secret and the password hashes
        for (AdminClient caller : List.of(nobody, admin, leader.admin())) {
            assertThat(caller.get("/api/internal/secret").status()).isIn(401, 404);
        }
        assertThat(nobody.get("/api/internal/users").status()).isEqualTo(401);
        assertThat(admin.get("/api/internal/users").status()).isEqualTo(403);
        assertThat(outsider.get("/api/internal/users").status()).isEqualTo(401);
        String hash =
                leader.admin()
                        .get("/api/internal/users")
                        .body()
                        .get("users")
                        .get(0)
                        .get("passwordHash")
                        .asText();
        for (String path :
                List.of(
                        "/api/metadata",
                        "/api/config",
                        "/api/nodes",
                        "/api/raft",
                        "/api/replication")) {
            assertThat(admin.get(path).body().toString())
                    .as(path)
                    .doesNotContain(cluster.controllers().secret())
                    .doesNotContain(hash);
        }
        assertThat(httpGet("http://" + leader.site() + "/metrics"))
                .doesNotContain(cluster.controllers().secret())
                .doesNotContain(hash);

        // fake registration and heartbeats
        Map<String, String> fake =
                Map.of("alias", "evil", "site", "127.0.0.9:1", "mode", "datanode", "machine", "m9");
        assertThat(nobody.send("POST", "/api/nodes", fake).status()).isEqualTo(401);
        assertThat(outsider.send("POST", "/api/nodes", fake).status()).isEqualTo(401);
        assertThat(admin.send("POST", "/api/nodes", fake).status()).isEqualTo(403);
        assertThat(nobody.send("POST", "/api/heartbeat", Map.of("alias", "datanode1")).status())
                .isEqualTo(401);
        assertThat(admin.get("/api/nodes").body().toString()).doesNotContain("evil");

        // metadata fields too large for Raft, even from an admin
        AdminClient.Response huge =
                admin.send(
                        "POST",
                        "/api/databases",
                        Map.of("name", "huge", "partitionScheme", "x".repeat(70_000)));
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.body().get("error").asText())
                .isEqualTo("partitionScheme is 70000 characters long; at most 65536 are allowed");
        assertThat(
                        admin.send("PUT", "/api/config/someKey", Map.of("value", "v".repeat(5_000)))
                                .status())
                .isEqualTo(400);
        assertThat(admin.get("/api/config").body().has("someKey")).isFalse();

        // a page of another site: DNS rebinding (its own name as Host), CSRF (its Origin), with an
        // admin's credentials
        String basic = "Authorization: " + new BasicCredentials("admin", "123456").header();
        assertThat(raw(leader, "GET /api/nodes", "Host: attacker.example:" + leader.port(), basic))
                .startsWith("HTTP/1.1 421 ");
        String csrf =
                raw(
                        leader,
                        "POST /api/databases",
                        "Host: " + leader.site(),
                        basic,
                        "Origin: http://attacker.example",
                        "Content-Type: application/json",
                        "Content-Length: 41",
                        "",
                        "{\"name\":\"csrf\",\"partitionScheme\":\"VALUE\"}");
        assertThat(csrf).startsWith("HTTP/1.1 403 ");
        assertThat(admin.get("/api/metadata").body().toString()).doesNotContain("csrf");

        // the three calls: add a replica in sync elsewhere, then remove the real ones
        JsonNode chunk =
                admin.get("/api/chunks?database=attack&table=events").body().get("chunks").get(0);
        String id = chunk.get("id").asText();
        List<String> holders = new ArrayList<>();
        chunk.get("replicas").forEach(r -> holders.add(r.get("node").asText()));
        String other =
                members.stream()
                        .map(DatanodeProcess::alias)
                        .filter(a -> !holders.contains(a))
                        .findFirst()
                        .orElseThrow();
        for (AdminClient caller : List.of(nobody, outsider, admin)) {
            int expected = caller == admin ? 403 : 401;
            assertThat(
                            caller.send(
                                            "POST",
                                            "/api/chunks/" + id + "/replicas/" + other,
                                            Map.of("inSync", true))
                                    .status())
                    .isEqualTo(expected);
            for (String holder : holders) {
                assertThat(
                                caller.send(
                                                "DELETE",
                                                "/api/chunks/" + id + "/replicas/" + holder,
                                                null)
                                        .status())
                        .isEqualTo(expected);
            }
            assertThat(
                            caller.send(
                                            "POST",
                                            "/api/nodes/"
                                                    + holders.get(0)
                                                    + "/unreachable?reporter=x",
                                            null)
                                    .status())
                    .isEqualTo(expected);
        }
        assertThat(admin.get("/api/chunks/" + id).body().get("replicas").toString())
                .isEqualTo(chunk.get("replicas").toString());
        assertThat(countRows(datanode1)).isEqualTo(ROWS);

        // joining replication without the cluster secret, or with a login seen on the network
        InetSocketAddress dataPort = new InetSocketAddress(datanode1.host(), datanode1.port());
        assertThat(
                        login(
                                dataPort,
                                InternalUserAuthenticator.INTERNAL_USER,
                                cluster.controllers().secret()))
                .as("the secret itself is no password")
                .isEqualTo(ErrorCode.AUTH);
        assertThat(
                        login(
                                dataPort,
                                InternalUserAuthenticator.INTERNAL_USER,
                                InternalUserAuthenticator.loginToken(
                                        ClusterCredential.of(ClusterCredential.generateSecret()),
                                        "datanode9",
                                        "datanode1")))
                .isEqualTo(ErrorCode.AUTH);
        String token =
                InternalUserAuthenticator.loginToken(
                        cluster.controllers().credential(), "datanode2", "datanode1");
        assertThat(login(dataPort, InternalUserAuthenticator.INTERNAL_USER, token)).isEqualTo("OK");
        assertThat(login(dataPort, InternalUserAuthenticator.INTERNAL_USER, token))
                .as("replayed")
                .isEqualTo(ErrorCode.AUTH);
        assertThat(
                        login(
                                cluster.datanode("datanode2"),
                                InternalUserAuthenticator.INTERNAL_USER,
                                InternalUserAuthenticator.loginToken(
                                        cluster.controllers().credential(),
                                        "datanode3",
                                        "datanode1")))
                .as("a token made for another datanode")
                .isEqualTo(ErrorCode.AUTH);
        try (WireTestClient client = loggedIn(dataPort, "admin", "123456")) {
            client.send(2, new ReplicaAppend("datanode2", id, 1, List.of()));
            assertThat(((ErrorReply) client.receive().message()).message())
                    .contains("for datanodes only");
        }
        rogue.start();
        await("the rogue datanode is refused by the leader")
                .atMost(Duration.ofSeconds(30))
                .until(() -> rogue.log().contains("users: 401"));
        assertThat(admin.get("/api/nodes").body().toString()).doesNotContain("datanode4");
        // Its health port answers (the process lives), but it never gets the users, so it never
        // serves data nor is ready.
        assertThat(
                        await("the rogue datanode's health port answers")
                                .atMost(Duration.ofSeconds(30))
                                .until(
                                        () ->
                                                rogue.http(Credentials.none())
                                                        .get("/api/ready")
                                                        .status(),
                                        status -> status != 0))
                .as("never ready")
                .isEqualTo(503);
        assertThat(dataPortAcceptsConnections(rogue)).as("its data port never opens").isFalse();

        // a reader reads but does not write
        try (DBConnection reader = connect(datanode1, "reader1", "reader-pw-1")) {
            assertThat(reader.query(Query.from("dfs://attack", "events")).size()).isEqualTo(ROWS);
            assertThat(
                            refusal(
                                    () ->
                                            reader.append(
                                                    "dfs://attack",
                                                    "events",
                                                    new RowBatch(
                                                            SCHEMA,
                                                            List.of(
                                                                    List.of(
                                                                            1L,
                                                                            LocalDate.of(
                                                                                    2024, 5, 1),
                                                                            1L))))))
                    .contains("FORBIDDEN");
            assertThat(refusal(() -> reader.dropDatabase("dfs://attack"))).contains("FORBIDDEN");
            assertThat(refusal(() -> reader.createDatabase("dfs://mine", "VALUE")))
                    .contains("FORBIDDEN");
        }

        // the decode bomb: 2 MiB declaring 16 M all-null rows, four at once, against a 512 MiB heap
        List<WireTestClient> bombers = new ArrayList<>();
        for (int i = 0; i < 4; i++) bombers.add(loggedIn(dataPort, "admin", "123456"));
        for (WireTestClient bomber : bombers) bomber.sendRaw(bombFrame());
        for (WireTestClient bomber : bombers) {
            Envelope answer = bomber.receive();
            assertThat(answer == null ? "closed" : ((ErrorReply) answer.message()).message())
                    .containsAnyOf("row batch refused", "closed");
            bomber.close();
        }
        assertThat(datanode1.isAlive()).isTrue();
        assertThat(countRows(datanode1)).isEqualTo(ROWS);

        // connections that never log in: beyond 256 closed at once, the others after the 10 s login
        // timeout
        List<WireTestClient> silent = new ArrayList<>();
        for (int i = 0; i < 300; i++) silent.add(new WireTestClient(dataPort));
        Thread.sleep(1_000);
        List<WireTestClient> waiting = new ArrayList<>();
        for (WireTestClient client : silent) {
            if (client.closedByServerWithin(Duration.ofMillis(20))) client.close();
            else waiting.add(client);
        }
        assertThat(waiting.size())
                .as("at most 256 wait to log in; the others were closed at once")
                .isBetween(246, 256);
        for (WireTestClient client : waiting) {
            assertThat(client.closedByServerWithin(Duration.ofSeconds(15)))
                    .as("closed after the login timeout")
                    .isTrue();
            client.close();
        }
        assertThat(countRows(datanode1)).as("clients log in again at once").isEqualTo(ROWS);
        assertThat(stateOf(admin, "datanode1")).as("its heartbeats went on").isEqualTo("UP");
        assertThat(Files.readString(datanode1.logFile()))
                .doesNotContain(cluster.controllers().secret());
        assertThat(Files.readString(leader.logFile()))
                .doesNotContain(cluster.controllers().secret())
                .doesNotContain("reader-pw-1");
    }

    /**
     * Sends these lines (a request line, headers, maybe a blank line and a body) and returns the
     * whole answer.
     */
    private static String raw(ControllerProcess controller, String requestLine, String... lines)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(
                    new InetSocketAddress(controller.machine().host(), controller.port()), 5_000);
            socket.setSoTimeout(10_000);
            StringBuilder request =
                    new StringBuilder(requestLine).append(" HTTP/1.1\r\nConnection: close\r\n");
            for (String line : lines)
                request.append(line).append(line.startsWith("{") ? "" : "\r\n");
            if (!List.of(lines).contains("")) request.append("\r\n");
            socket.getOutputStream()
                    .write(
                            request.toString()
                                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return new String(
                    socket.getInputStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private static DBConnection connect(DatanodeProcess datanode, String user, String password) {
        DBConnection connection = new DBConnection();
        connection.connect(datanode.host(), datanode.port(), user, password, "", true);
        return connection;
    }

    private static int countRows(DatanodeProcess datanode) {
        try (DBConnection client = connect(datanode, "admin", "123456")) {
            return client.query(Query.from("dfs://attack", "events")).size();
        }
    }

    private static String refusal(Runnable action) {
        try {
            action.run();
            return "accepted";
        } catch (io.dolphincluster.client.DBException e) {
            return e.code() + " " + e.getMessage();
        }
    }

    /** The answer to a login: "OK", or the error code. */
    private static String login(InetSocketAddress dataPort, String user, String password)
            throws IOException {
        try (WireTestClient client = new WireTestClient(dataPort)) {
            client.send(1, new Login(user, password));
            Envelope answer = client.receive();
            return answer.message() instanceof LoginOk
                    ? "OK"
                    : ((ErrorReply) answer.message()).code();
        }
    }

    private static String login(DatanodeProcess datanode, String user, String password)
            throws IOException {
        return login(new InetSocketAddress(datanode.host(), datanode.port()), user, password);
    }

    private static WireTestClient loggedIn(InetSocketAddress dataPort, String user, String password)
            throws IOException {
        WireTestClient client = new WireTestClient(dataPort);
        client.send(1, new Login(user, password));
        assertThat(client.receive().message()).isEqualTo(new LoginOk());
        return client;
    }

    /**
     * An Append frame whose rows are one LONG column, 16 M rows, every one null: a 2 MiB bitmap of
     * zeros.
     */
    private static byte[] bombFrame() throws IOException {
        int rows = 16 * 1024 * 1024;
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        batch.write(1); // format version
        varint(batch, 1); // one column
        batch.write(3); // LONG
        varint(batch, 1);
        batch.write('v');
        varint(batch, rows);
        batch.write(1); // a null bitmap follows
        batch.write(new byte[rows / 8]); // every row null
        byte[] payload =
                new PayloadWriter()
                        .writeString("dfs://attack")
                        .writeString("events")
                        .writeString("bomb")
                        .writeBytes(batch.toByteArray())
                        .toByteArray();
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(frame);
        out.writeInt(Frame.HEADER_BYTES + payload.length);
        out.writeByte(Frame.VERSION);
        out.writeByte(MessageType.APPEND.code());
        out.writeLong(2);
        out.write(payload);
        return frame.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static String httpGet(String url) throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(url)).build(),
                                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private static String stateOf(AdminClient admin, String alias) {
        for (JsonNode node : admin.get("/api/nodes").body().get("nodes")) {
            if (node.get("alias").asText().equals(alias)) return node.get("state").asText();
        }
        return null;
    }

    private static boolean dataPortAcceptsConnections(DatanodeProcess datanode) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(datanode.host(), datanode.port()), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
