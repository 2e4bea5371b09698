package io.dolphincluster.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dolphincluster.client.DBConnection;
import io.dolphincluster.protocol.data.Column;
import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.runtime.testkit.AdminClient;
import io.dolphincluster.runtime.testkit.AgentProcess;
import io.dolphincluster.runtime.testkit.ControllerCluster;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import io.dolphincluster.runtime.testkit.Credentials;
import io.dolphincluster.runtime.testkit.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster page in a real headless Chromium against three real controllers, an agent and the two
 * real datanodes it starts: the page shows nothing before a login and refuses a wrong password;
 * once logged in it lists every node and names the leader; on the leader's page an admin stops and
 * starts a datanode and the page shows it go DOWN (its chunks under-replicated) and come back UP,
 * and sets one node's configuration; a follower's page offers no action and links to the leader; a
 * reader sees the cluster and is offered no action; the Notebook runs DolphinDB scripts on a
 * datanode (the leader's alias, a table); a datanode's own page (its HTTP port) refuses a wrong
 * password and runs the Notebook's scripts on that datanode. Writes a screenshot to {@code
 * target/cluster-page.png} (and to {@code docs/images/cluster-page.png} with {@code
 * -Ddolphin.screenshot.docs=true}).
 */
class ClusterPageIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String WRONG_PASSWORD = "not-the-password-42";
    private static final Schema SCHEMA =
            Schema.of(
                    new Column("id", ColumnType.LONG),
                    new Column("day", ColumnType.DATE),
                    new Column("qty", ColumnType.LONG));

    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void theLeadersPageStopsAndStartsADatanodeAndAFollowersPagePointsAtTheLeader()
            throws Exception {
        ControllerCluster cluster =
                clusters.create(
                        3,
                        Map.of(
                                "dfsChunkNodeHeartBeatTimeout",
                                "3",
                                "dfsReplicaReliabilityLevel",
                                "0"));
        AgentProcess agent =
                cluster.addAgent("agent1", List.of("datanode1", "datanode2"), Map.of());
        cluster.startAll();
        ControllerProcess leader = cluster.get(cluster.awaitLeader(TIMEOUT));
        ControllerProcess follower =
                cluster.all().stream().filter(c -> c != leader).findFirst().orElseThrow();
        agent.start();
        await("agent1 up")
                .atMost(TIMEOUT)
                .ignoreExceptions()
                .until(() -> "UP".equals(state(leader, "agent1")));
        for (String datanode : List.of("datanode1", "datanode2")) {
            AdminClient.Response started =
                    leader.admin(Credentials.ADMIN)
                            .send("POST", "/api/datanodes/" + datanode + "/start", null);
            assertThat(started.status())
                    .as("an admin starts datanodes: " + started.body())
                    .isEqualTo(200);
        }
        await("both datanodes up")
                .atMost(TIMEOUT)
                .ignoreExceptions()
                .until(
                        () ->
                                "UP".equals(state(leader, "datanode1"))
                                        && "UP".equals(state(leader, "datanode2")));
        loadData(leader);

        try (HeadlessChromium browser = HeadlessChromium.start(1280, 900)) {
            browser.navigate("http://" + leader.site() + "/");
            browser.await(
                    "the login form",
                    Duration.ofSeconds(20),
                    () -> browser.text("#identity").contains("log in"));
            assertThat(
                            browser.evaluate("document.querySelectorAll('#nodes tbody tr').length")
                                    .asInt())
                    .as("nothing before a login")
                    .isZero();
            assertThat(actionButtons(browser)).as("no action before logging in").isZero();

            login(browser, "admin", WRONG_PASSWORD);
            browser.await(
                    "the wrong password refused",
                    Duration.ofSeconds(20),
                    () -> browser.text("#login-status").contains("refused (401)"));
            assertThat(actionButtons(browser)).isZero();
            assertThat(Files.readString(leader.logFile()))
                    .contains("login as admin refused")
                    .doesNotContain(WRONG_PASSWORD);

            login(browser, "admin", "123456");
            browser.await(
                    "logged in",
                    Duration.ofSeconds(20),
                    () -> browser.text("#login-name").equals("admin"));
            awaitLoaded(browser);
            assertThat(browser.text("#leader-alias")).isEqualTo(leader.alias());
            assertThat(browser.text("#self-role")).isEqualTo("leader");
            assertThat(
                            browser.evaluate(
                                            "document.querySelectorAll('#controllers tbody tr').length")
                                    .asInt())
                    .isEqualTo(3);
            assertThat(browser.text("#controllers tr.leader td")).isEqualTo(leader.alias());
            browser.await(
                    "agent and datanodes listed UP",
                    TIMEOUT,
                    () ->
                            "UP".equals(rowState(browser, "agent1"))
                                    && "UP".equals(rowState(browser, "datanode1"))
                                    && "UP".equals(rowState(browser, "datanode2")));
            assertThat(browser.text("#nodes tr[data-alias='datanode1'] td.heartbeat"))
                    .endsWith("ago");
            assertThat(browser.text("#follower-banner")).isEmpty();
            browser.await(
                    "action buttons", Duration.ofSeconds(10), () -> actionButtons(browser) == 4);

            runNotebook(browser, "getActiveMaster()");
            browser.await(
                    "the notebook shows the leader",
                    TIMEOUT,
                    () -> browser.text("#notebook-text").equals(leader.alias()));
            runNotebook(
                    browser, "select count(*) from loadTable('dfs://web', 'events') group by day");
            browser.await(
                    "the notebook shows a table",
                    TIMEOUT,
                    () ->
                            browser.evaluate(
                                                    "document.querySelectorAll('#notebook-table tbody tr').length")
                                            .asInt()
                                    == 6);
            assertThat(browser.text("#notebook-table thead")).contains("day").contains("count");

            click(browser, "stop", "datanode1");
            browser.await(
                    "the agent stopped datanode1",
                    TIMEOUT,
                    () -> browser.text("#action-status").contains("datanode1: stopped"));
            browser.await(
                    "datanode1 shown DOWN and its chunks under-replicated",
                    TIMEOUT,
                    () ->
                            "DOWN".equals(rowState(browser, "datanode1"))
                                    && !browser.text("#chunks-under").startsWith("0 "));
            assertThat(
                            browser.evaluate(
                                            "document.querySelectorAll('#chunks tr.under_replicated').length")
                                    .asInt())
                    .isPositive();
            Path shot = Path.of("target/cluster-page.png");
            browser.screenshot(shot);
            assertThat(Files.size(shot)).isGreaterThan(10_000);
            if (Boolean.getBoolean("dolphin.screenshot.docs")) {
                Path docs = Path.of("../../docs/images/cluster-page.png");
                Files.createDirectories(docs.getParent());
                Files.copy(shot, docs, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }

            click(browser, "start", "datanode1");
            browser.await(
                    "datanode1 shown UP again",
                    TIMEOUT,
                    () -> "UP".equals(rowState(browser, "datanode1")));

            browser.evaluate(
                    "document.getElementById('config-node').value = 'datanode2';"
                            + "document.getElementById('config-key').value = 'maxConnections';"
                            + "document.getElementById('config-value').value = '64';"
                            + "document.getElementById('config-button').click(); true");
            browser.await(
                    "datanode2's setting applied",
                    Duration.ofSeconds(20),
                    () ->
                            browser.text("#action-status")
                                    .contains("set datanode2.maxConnections=64"));
            await("committed, so the follower has it too")
                    .atMost(Duration.ofSeconds(10))
                    .until(
                            () ->
                                    "64"
                                            .equals(
                                                    follower.admin()
                                                            .config()
                                                            .get("datanode2.maxConnections")));
            browser.await(
                    "the page lists the setting",
                    Duration.ofSeconds(10),
                    () -> browser.text("#config").contains("datanode2.maxConnections"));

            browser.navigate("http://" + follower.site() + "/");
            login(browser, "admin", "123456");
            awaitLoaded(browser);
            browser.await(
                    "the follower names the leader",
                    Duration.ofSeconds(20),
                    () -> browser.text("#leader-alias").equals(leader.alias()));
            assertThat(browser.text("#self-role")).isEqualTo("follower");
            assertThat(browser.text("#follower-banner"))
                    .contains("is a follower")
                    .contains(leader.alias());
            assertThat(browser.evaluate("document.getElementById('leader-link').href").asText())
                    .isEqualTo("http://" + leader.site() + "/");
            assertThat(browser.evaluate("document.getElementById('admin').hidden").asBoolean())
                    .isTrue();
            assertThat(actionButtons(browser)).as("a follower's page offers no action").isZero();
            JsonNode refused =
                    browser.evaluate(
                            "fetch('/api/datanodes/datanode1/stop', {method: 'POST', redirect: 'manual',"
                                    + " headers: {'X-Requested-With': 'fetch', 'Authorization': sessionStorage.getItem('dolphinAuth')}})"
                                    + ".then(r => r.type + ' ' + r.status)");
            assertThat(refused.asText())
                    .as("the follower redirects writes instead of acting")
                    .isEqualTo("opaqueredirect 0");
            assertThat(state(leader, "datanode1")).isEqualTo("UP");

            assertThat(
                            leader.admin()
                                    .write(
                                            "PUT",
                                            "/api/users/alice",
                                            Map.of("password", "reads-only-1", "role", "reader"))
                                    .status())
                    .isEqualTo(200);
            browser.navigate("http://" + leader.site() + "/");
            browser.evaluate("document.getElementById('logout-button').click(); true");
            login(browser, "alice", "reads-only-1");
            browser.await(
                    "a reader is logged in",
                    Duration.ofSeconds(20),
                    () -> browser.text("#login-role").equals("reader"));
            awaitLoaded(browser);
            browser.await(
                    "the reader sees the datanodes",
                    TIMEOUT,
                    () -> "UP".equals(rowState(browser, "datanode1")));
            assertThat(actionButtons(browser)).as("a reader is offered no action").isZero();
            assertThat(browser.evaluate("document.getElementById('admin').hidden").asBoolean())
                    .isTrue();

            theDatanodesPageRunsScriptsThere(browser, leader, "datanode2");
        }
    }

    private static void theDatanodesPageRunsScriptsThere(
            HeadlessChromium browser, ControllerProcess leader, String datanode) throws Exception {
        String site = site(leader, datanode);
        int colon = site.lastIndexOf(':');
        String page =
                "http://"
                        + site.substring(0, colon)
                        + ":"
                        + (Integer.parseInt(site.substring(colon + 1)) + 1000)
                        + "/";
        browser.navigate(page);
        browser.await(
                "the datanode's login form",
                Duration.ofSeconds(20),
                () -> browser.text("#identity").contains("log in"));
        assertThat(browser.evaluate("document.getElementById('notebook').hidden").asBoolean())
                .as("no Notebook before a login")
                .isTrue();
        login(browser, "admin", WRONG_PASSWORD);
        browser.await(
                "the wrong password refused",
                Duration.ofSeconds(20),
                () -> browser.text("#login-status").contains("refused (401)"));

        login(browser, "admin", "123456");
        awaitLoaded(browser);
        assertThat(browser.text("#self-alias")).isEqualTo(datanode);
        runNotebook(browser, "getActiveMaster()");
        browser.await(
                "the datanode's notebook shows the leader",
                TIMEOUT,
                () -> browser.text("#notebook-text").equals(leader.alias()));
        assertThat(browser.text("#notebook-status")).startsWith("ran on " + datanode);
        runNotebook(browser, "getNodeAlias()");
        browser.await(
                "the script ran on that datanode",
                TIMEOUT,
                () -> browser.text("#notebook-text").equals(datanode));
        runNotebook(
                browser,
                "select count(*) as n, sum(qty) from loadTable('dfs://web', 'events') where day >= 2024.05.04 group by day");
        browser.await(
                "the datanode's notebook shows a table",
                TIMEOUT,
                () ->
                        browser.evaluate(
                                                "document.querySelectorAll('#notebook-table tbody tr').length")
                                        .asInt()
                                == 3);
        assertThat(browser.text("#notebook-table thead"))
                .contains("day")
                .contains("n")
                .contains("sum_qty");
        assertThat(browser.text("#notebook-table tbody tr:first-child td:nth-child(2)"))
                .isEqualTo("100");
        runNotebook(browser, "select * from nothing_here");
        browser.await(
                "a script's error shown",
                TIMEOUT,
                () -> browser.text("#notebook-status").startsWith("failed (422)"));
    }

    private static void loadData(ControllerProcess leader) {
        String site =
                leader.admin()
                        .get("/api/datanodes")
                        .body()
                        .get("datanodes")
                        .get(0)
                        .get("site")
                        .asText();
        try (DBConnection client = new DBConnection()) {
            client.connect(
                    site.substring(0, site.lastIndexOf(':')),
                    Integer.parseInt(site.substring(site.lastIndexOf(':') + 1)),
                    "admin",
                    "123456",
                    "",
                    true);
            client.createDatabase("dfs://web", "VALUE");
            client.createTable("dfs://web", "events", SCHEMA, "day");
            List<List<Object>> rows = new ArrayList<>();
            for (long id = 0; id < 600; id++)
                rows.add(List.of(id, LocalDate.of(2024, 5, 1 + (int) (id % 6)), id % 97));
            client.append("dfs://web", "events", new RowBatch(SCHEMA, rows));
        }
    }

    private static void login(HeadlessChromium browser, String user, String password)
            throws Exception {
        browser.await(
                "the login form",
                Duration.ofSeconds(20),
                () ->
                        !browser.evaluate("document.getElementById('login-form').hidden")
                                .asBoolean());
        browser.evaluate(
                "document.getElementById('login-user').value = '"
                        + user
                        + "';"
                        + "document.getElementById('login-password').value = '"
                        + password
                        + "';"
                        + "document.getElementById('login-button').click(); true");
    }

    private static void runNotebook(HeadlessChromium browser, String script) throws Exception {
        browser.evaluate(
                "document.getElementById('notebook-script').value = "
                        + new com.fasterxml.jackson.databind.ObjectMapper()
                                .writeValueAsString(script)
                        + "; document.getElementById('notebook-run').click(); true");
    }

    private static void click(HeadlessChromium browser, String action, String alias)
            throws Exception {
        browser.evaluate(
                "document.querySelector(\"button[data-action='"
                        + action
                        + "'][data-alias='"
                        + alias
                        + "']\").click(); true");
    }

    private static int actionButtons(HeadlessChromium browser) throws Exception {
        return browser.evaluate("document.querySelectorAll('button[data-action]').length").asInt();
    }

    private static void awaitLoaded(HeadlessChromium browser) {
        browser.await(
                "the page rendered the cluster",
                TIMEOUT,
                () -> browser.evaluate("document.body.dataset.loaded === 'true'").asBoolean());
    }

    private static String rowState(HeadlessChromium browser, String alias) throws Exception {
        return browser.text("#nodes tr[data-alias='" + alias + "'] td.state");
    }

    private static String site(ControllerProcess controller, String alias) {
        for (JsonNode node : controller.admin().get("/api/nodes").body().get("nodes")) {
            if (node.get("alias").asText().equals(alias)) return node.get("site").asText();
        }
        throw new AssertionError(alias + " is not registered");
    }

    private static String state(ControllerProcess controller, String alias) {
        for (JsonNode node : controller.admin().get("/api/nodes").body().get("nodes")) {
            if (node.get("alias").asText().equals(alias)) return node.get("state").asText();
        }
        return null;
    }
}
