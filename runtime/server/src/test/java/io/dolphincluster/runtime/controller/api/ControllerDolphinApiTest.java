package io.dolphincluster.runtime.controller.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.xxdb.DBConnection;
import com.xxdb.data.BasicInt;
import com.xxdb.data.BasicTable;
import io.dolphincluster.adminapi.RaftStatus;
import io.dolphincluster.protocol.auth.ClusterCredential;
import io.dolphincluster.runtime.auth.MemberVerifier;
import io.dolphincluster.runtime.auth.PasswordHash;
import io.dolphincluster.runtime.auth.Role;
import io.dolphincluster.runtime.auth.UserStore;
import io.dolphincluster.runtime.config.HttpServerSettings;
import io.dolphincluster.runtime.dolphindb.FrontEndFixtures;
import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.dolphincluster.runtime.http.Access;
import io.dolphincluster.runtime.http.ApiResponse;
import io.dolphincluster.runtime.http.HttpApiServer;
import io.dolphincluster.runtime.http.HttpAuthentication;
import io.dolphincluster.runtime.http.Route;
import io.dolphincluster.runtime.metadata.ClusterMetadata;
import io.dolphincluster.runtime.metadata.MetadataCommand;
import io.dolphincluster.runtime.metadata.NodeState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official Java API against a controller's HTTP port: a follower (controller1, whose leader is
 * controller2) answers the cluster functions from its own view, refuses every DFS call in one line
 * naming the live datanode, applies the datanode's login rules, and keeps serving HTTP on the same
 * port; an HA client moves on to the datanode (an in-memory one, {@link FrontEndFixtures}).
 */
class ControllerDolphinApiTest {
    private static final UserStore USERS = new UserStore();

    static {
        USERS.put("admin", PasswordHash.hash("123456"), Role.ADMIN);
        USERS.put("reader", PasswordHash.hash("reader-pw"), Role.READER);
    }

    private final AtomicReference<RaftStatus> raft = new AtomicReference<>(status("controller2"));
    private AutoCloseable datanode;
    private String datanodeSite;
    private ControllerDolphinApi dolphinApi;
    private HttpApiServer server;

    @BeforeEach
    void start() throws InterruptedException {
        datanode = FrontEndFixtures.start();
        datanodeSite = "127.0.0.1:" + FrontEndFixtures.port(datanode);
        ClusterMetadata metadata = new ClusterMetadata();
        metadata.apply(
                new MetadataCommand.RegisterNode(
                        "datanode1", datanodeSite, "datanode", "m1", "", 0));
        metadata.apply(
                new MetadataCommand.RegisterNode(
                        "datanode2", "127.0.0.1:1", "datanode", "m2", "", 0));
        metadata.apply(new MetadataCommand.SetNodeState("datanode2", NodeState.DOWN, 1, "test"));
        metadata.apply(
                new MetadataCommand.RegisterNode("agent1", "127.0.0.1:2", "agent", "m1", "", 0));
        dolphinApi = new ControllerDolphinApi("controller1", raft::get, metadata, USERS);
        Route hello =
                new Route(
                        "GET",
                        "/api/hello",
                        Access.PUBLIC,
                        r ->
                                CompletableFuture.completedFuture(
                                        ApiResponse.ok(Map.of("hello", "world"))));
        server =
                HttpApiServer.start(
                        "controller1",
                        new InetSocketAddress("127.0.0.1", 0),
                        List.of(hello),
                        new HttpAuthentication(
                                "controller1",
                                new MemberVerifier(
                                        "controller1",
                                        ClusterCredential.of(ClusterCredential.generateSecret())),
                                USERS,
                                Runnable::run),
                        List.of(dolphinApi.protocol()),
                        HttpServerSettings.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        dolphinApi.close();
        datanode.close();
    }

    @Test
    void aFollowerAnswersTheClusterFunctionsFromItsView() throws IOException {
        DBConnection conn = connect();
        assertThat(conn.run("getActiveMaster()").getString()).isEqualTo("controller2");
        assertThat(conn.run("getControllerAlias()").getString()).isEqualTo("controller2");
        assertThat(conn.run("getNodeAlias()").getString()).isEqualTo("controller1");
        assertThat(((BasicInt) conn.run("getNodeType()")).getInt()).isEqualTo(2);
        assertThat(conn.run("isNodeInitialized()").getString()).isEqualTo("true");
        assertThat(conn.run("version()").getString()).startsWith("3.");
        BasicTable perf = (BasicTable) conn.run("getClusterPerf()");
        assertThat(perf.getColumn("name").getString()).isEqualTo("[datanode1,datanode2]");
        assertThat(perf.getColumn("state").getString()).isEqualTo("[1,0]");
        assertThat(conn.run("getClusterLiveDataNodes()").getString())
                .isEqualTo("[" + datanodeSite + "]");
        assertThat(conn.run("rpc(getControllerAlias(), getClusterPerf)").rows()).isEqualTo(2);

        raft.set(status(null));
        assertThat(conn.run("isNodeInitialized()").getString())
                .as("no leader known")
                .isEqualTo("false");
        conn.close();
    }

    @Test
    void everyDfsCallIsAOneLineErrorNamingTheLiveDatanodes() throws IOException {
        DBConnection conn = connect();
        String refusal =
                "<DataNodeNotAvail> a controller holds no data: connect to a datanode (datanode1 at "
                        + datanodeSite
                        + ")";
        for (String script :
                List.of(
                        "database('dfs://demo', VALUE, 1 2 3)",
                        "database('dfs://demo')",
                        "loadTable('dfs://demo', 'trades')",
                        "select count(*) from loadTable('dfs://demo', 'trades')",
                        "existsDatabase('dfs://demo')",
                        "existsTable('dfs://demo', 'trades')",
                        "dropTable(database('dfs://demo'), 'trades')",
                        "dropDatabase('dfs://demo')")) {
            assertThatThrownBy(() -> conn.run(script)).as(script).hasMessageContaining(refusal);
        }
        assertThatThrownBy(
                        () ->
                                conn.run(
                                        "tableInsert{loadTable('dfs://demo', 'trades')}",
                                        List.of(new BasicInt(1))))
                .hasMessageContaining(refusal);
        assertThat(((BasicInt) conn.run("1+1")).getInt()).as("the connection stays").isEqualTo(2);
        conn.close();
    }

    @Test
    void theDatanodesLoginRulesApply() throws IOException {
        DBConnection guest = new DBConnection();
        assertThat(guest.connect("127.0.0.1", port())).isTrue();
        assertThatThrownBy(() -> guest.run("getActiveMaster", List.of()))
                .as("nothing about the cluster before a login")
                .hasMessageContaining("Login is required");
        assertThatThrownBy(() -> guest.run("getClusterPerf", List.of()))
                .hasMessageContaining("Login is required");
        assertThatThrownBy(() -> guest.run("getActiveMaster()"))
                .hasMessageContaining("Login is required");
        assertThatThrownBy(() -> guest.run("1+1")).hasMessageContaining("Login is required");
        guest.login("reader", "reader-pw", false);
        assertThat(((BasicInt) guest.run("1+1")).getInt()).isEqualTo(2);
        assertThat(guest.run("getActiveMaster", List.of()).getString()).isEqualTo("controller2");
        guest.close();

        assertThatThrownBy(() -> new DBConnection().connect("127.0.0.1", port(), "admin", "wrong"))
                .hasMessageContaining("incorrect");
    }

    @Test
    void httpIsServedAsBeforeBesideOpenDolphinConnections() throws Exception {
        DBConnection conn = connect();
        assertThat(get("/api/hello").body()).isEqualTo("{\"hello\":\"world\"}");
        assertThat(get("/api/nothing").statusCode()).isEqualTo(404);
        assertThat(conn.run("getNodeAlias()").getString()).isEqualTo("controller1");
        conn.close();
    }

    @Test
    void aWebSocketUpgradeIsTheApiAndEveryOtherHttpRequestStaysHttp() throws Exception {
        ApiOverWebSocket ws = ApiOverWebSocket.open(URI.create("ws://127.0.0.1:" + port() + "/"));
        String connected = ws.request("0", "connect\n");
        assertThat(connected)
                .as("the reply to connect names a session")
                .matches("(?s)\\S+ \\d+ 1\nOK\n.*");
        String session = connected.substring(0, connected.indexOf(' '));
        assertThat(ws.request(session, "script\ngetActiveMaster()")).contains("Login is required");
        assertThat(
                        ws.request(
                                session,
                                "function\nlogin\n2\n1",
                                Vec.scalar(DType.STRING, "admin"),
                                Vec.scalar(DType.STRING, "123456")))
                .contains("\nOK\n");
        assertThat(ws.request(session, "script\ngetActiveMaster()"))
                .contains("\nOK\n")
                .contains("controller2");
        assertThat(
                        ws.request(
                                session,
                                "script\nselect count(*) from loadTable('dfs://demo', 'trades')"))
                .contains("a controller holds no data");
        assertThat(ws.request(session, "script\ngetNodeAlias()"))
                .as("the connection stays")
                .contains("controller1");

        assertThat(get("/api/hello").body())
                .as("HTTP on other connections")
                .isEqualTo("{\"hello\":\"world\"}");
        assertThat(
                        exchange(
                                "GET /api/hello HTTP/1.1\r\nHost: x\r\nUpgrade: h2c\r\nConnection: close, Upgrade\r\n\r\n"
                                        .getBytes(StandardCharsets.US_ASCII)))
                .as("another upgrade is an HTTP request")
                .startsWith("HTTP/1.1 200")
                .contains("world");
        assertThat(ws.request(session, "script\n1+1")).contains("\nOK\n");
        ws.close();
    }

    @Test
    void garbageAndOversizedRequestsCloseOnlyTheirConnection() throws Exception {
        assertThat(exchange("API 0 notanumber\n".getBytes(StandardCharsets.US_ASCII)))
                .startsWith("0 0 1\nInvalid request: a body length that is not a number");
        assertThat(exchange(("API 0 " + (128 << 10) + "\n").getBytes(StandardCharsets.US_ASCII)))
                .as("a request beyond 64 KiB before login")
                .contains("Invalid request: a body of 131072 bytes (at most 65536)");
        assertThat(exchange("\u0000\u0001garbage\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)))
                .as("not HTTP either")
                .startsWith("HTTP/1.1 400");

        assertThat(get("/api/hello").statusCode()).isEqualTo(200);
        DBConnection conn = connect();
        assertThat(((BasicInt) conn.run("1+1")).getInt()).isEqualTo(2);
        conn.close();
    }

    @Test
    void anHaClientIsMovedToALiveDatanode() throws IOException {
        DBConnection conn = new DBConnection();
        assertThat(conn.connect("127.0.0.1", port(), "admin", "123456", "", true)).isTrue();
        assertThat(conn.run("getNodeAlias()").getString())
                .as("load balancing picks the live datanode")
                .isEqualTo("datanode1");
        assertThat(conn.run("existsDatabase('dfs://demo')").getString()).isEqualTo("false");
        conn.close();
    }

    @Test
    void anHaClientThatStaysOnTheControllerFailsOverOnADfsCall() throws IOException {
        DBConnection conn = new DBConnection();
        assertThat(
                        conn.connect(
                                "127.0.0.1",
                                port(),
                                "admin",
                                "123456",
                                "",
                                true,
                                null,
                                false,
                                false))
                .isTrue();
        assertThat(conn.run("getNodeAlias()").getString())
                .as("no load balancing")
                .isEqualTo("controller1");
        assertThat(conn.run("existsDatabase('dfs://demo')").getString()).isEqualTo("false");
        assertThat(conn.run("getNodeAlias()").getString()).isEqualTo("datanode1");
        conn.close();
    }

    private int port() {
        return server.address().getPort();
    }

    private DBConnection connect() throws IOException {
        DBConnection conn = new DBConnection();
        assertThat(conn.connect("127.0.0.1", port(), "admin", "123456")).isTrue();
        return conn;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code bytes} on a new connection and reads until the server closes it. */
    private String exchange(byte[] bytes) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(bytes);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static RaftStatus status(String leader) {
        List<RaftStatus.Member> members =
                List.of(
                        new RaftStatus.Member("controller1", "127.0.0.1:8900", "127.0.0.1:9900"),
                        new RaftStatus.Member("controller2", "127.0.0.1:8902", "127.0.0.1:9902"));
        return new RaftStatus(
                "controller1",
                RaftStatus.RUNNING,
                leader == null ? "CANDIDATE" : "FOLLOWER",
                2,
                leader,
                leader == null ? null : "127.0.0.1:8902",
                false,
                10,
                10,
                -1,
                0,
                true,
                1,
                members,
                Map.of(),
                "start",
                Map.of());
    }
}
