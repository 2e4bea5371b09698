package io.dolphincluster.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dolphincluster.protocol.data.Column;
import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.protocol.query.Query;
import io.dolphincluster.protocol.wire.Append;
import io.dolphincluster.protocol.wire.ErrorReply;
import io.dolphincluster.protocol.wire.Message;
import io.dolphincluster.protocol.wire.RunQuery;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The client against {@link FakeDatanode}s: requests, login, idle connections, errors, failover and
 * its deadline.
 */
class DBConnectionTest {
    private static final Schema SCHEMA =
            Schema.of(new Column("day", ColumnType.DATE), new Column("qty", ColumnType.INT));
    private static final ClientOptions FAST =
            ClientOptions.defaults()
                    .withRequestTimeout(Duration.ofSeconds(5))
                    .withFailoverDeadline(Duration.ofSeconds(20));

    private final List<RowBatch> stored = Collections.synchronizedList(new ArrayList<>());
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    private FakeDatanode datanode(Duration idle) throws InterruptedException {
        FakeDatanode node = new FakeDatanode(stored, idle);
        toClose.add(node);
        return node;
    }

    private DBConnection connection() {
        DBConnection connection = new DBConnection(FAST);
        toClose.add(connection);
        return connection;
    }

    @AfterEach
    void closeAll() throws Exception {
        ((Logger) LoggerFactory.getLogger(ClusterLink.class)).detachAppender(logs);
        Collections.reverse(toClose);
        for (AutoCloseable closeable : toClose) closeable.close();
    }

    private static RowBatch rows(int n) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) rows.add(List.of(LocalDate.of(2024, 1, 1 + i % 28), i));
        return new RowBatch(SCHEMA, rows);
    }

    @Test
    void requestsGetTheirAnswers() throws Exception {
        FakeDatanode node = datanode(Duration.ofMinutes(5));
        DBConnection db = connection();
        db.connect("127.0.0.1", node.port(), "admin", "123456", "login(`admin, `123456)", false);
        assertThat(db.startupScript()).isEqualTo("login(`admin, `123456)");
        assertThat(db.getActiveMaster()).isEqualTo("controller1");
        db.createDatabase("dfs://trades", "VALUE");
        db.createTable("dfs://trades", "t", SCHEMA, "day");
        assertThat(db.append("dfs://trades", "t", rows(3))).isEqualTo(3);
        assertThat(db.query(Query.from("dfs://trades", "t")).rows()).isEqualTo(rows(3).rows());
    }

    @Test
    void aWrongPasswordSurfacesAsAClearException() throws Exception {
        FakeDatanode node = datanode(Duration.ofMinutes(5));
        DBConnection db = connection();
        assertThatThrownBy(
                        () ->
                                db.connect(
                                        "127.0.0.1", node.port(), "admin", "hunter2-xyz", "", true))
                .isInstanceOfSatisfying(
                        DBException.class, e -> assertThat(e.code()).isEqualTo("AUTH"))
                .hasMessageContaining("login refused for user 'admin' at 127.0.0.1:" + node.port())
                .hasMessageEndingWith("wrong user name or password")
                .hasMessageNotContaining("hunter2-xyz");
        assertThat(db.isConnected()).isFalse();
    }

    @Test
    void aRefusedRequestThrowsAndTheConnectionGoesOn() throws Exception {
        FakeDatanode node = datanode(Duration.ofMinutes(5));
        DBConnection db = connection();
        db.connect("127.0.0.1", node.port(), "admin", "123456");
        assertThatThrownBy(() -> db.query(Query.from("dfs://trades", "missing")))
                .isInstanceOfSatisfying(
                        DBException.class, e -> assertThat(e.code()).isEqualTo("BAD_REQUEST"))
                .hasMessage("no table 'missing'");
        assertThat(db.getActiveMaster()).isEqualTo("controller1");
    }

    @Test
    void aConnectionTheServerClosedWhileIdleIsReopened() throws Exception {
        FakeDatanode node = datanode(Duration.ofMillis(300));
        DBConnection db = connection();
        db.connect("127.0.0.1", node.port(), "admin", "123456");
        await().atMost(Duration.ofSeconds(5)).until(() -> node.openConnections() == 0);
        assertThat(db.getActiveMaster()).isEqualTo("controller1");
    }

    @Test
    void withoutHighAvailabilityTheFirstFailureThrows() throws Exception {
        FakeDatanode node = datanode(Duration.ofMinutes(5));
        DBConnection db = connection();
        db.connect("127.0.0.1", node.port(), "admin", "123456");
        node.close();
        assertThatThrownBy(db::getActiveMaster)
                .isInstanceOfSatisfying(
                        DBException.class, e -> assertThat(e.code()).isEqualTo("UNAVAILABLE"))
                .hasMessageContaining("127.0.0.1:" + node.port());
    }

    /**
     * The first datanode dies in the middle of an append: the stream goes on at the second, the
     * append retried once with its write id.
     */
    @Test
    void aDatanodeDyingMidStreamFailsOverWithTheSameWriteId() throws Exception {
        logs.start();
        ((Logger) LoggerFactory.getLogger(ClusterLink.class)).addAppender(logs);
        FakeDatanode first = datanode(Duration.ofMinutes(5));
        FakeDatanode second = datanode(Duration.ofMinutes(5));
        first.sites = () -> List.of(first.site(), second.site());
        second.sites = first.sites;
        AtomicInteger appends = new AtomicInteger();
        first.override =
                request -> {
                    if (request instanceof Append && appends.incrementAndGet() == 5) {
                        new Thread(first::close)
                                .start(); // dies with this append received but not answered
                        return new CompletableFuture<>();
                    }
                    return null;
                };
        DBConnection db = connection();
        db.connect("127.0.0.1", first.port(), "admin", "123456", "", true);
        assertThat(db.sites()).containsExactly(first.site(), second.site());

        long total = 0;
        for (int i = 0; i < 20; i++) total += db.append("dfs://trades", "t", rows(2));

        assertThat(total).isEqualTo(40);
        assertThat(first.writeIds).hasSize(5);
        assertThat(second.writeIds).hasSize(16).startsWith(first.writeIds.get(4));
        assertThat(new HashSet<>(concat(first.writeIds, second.writeIds))).hasSize(20);
        assertThat(db.currentSite())
                .isEqualTo("127.0.0.1:" + second.port() + ":dn" + second.port());
        assertThat(logs.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .filteredOn(l -> l.startsWith("client: datanode"))
                .singleElement()
                .asString()
                .startsWith(
                        "client: datanode 127.0.0.1:"
                                + first.port()
                                + " unreachable, failing over to "
                                + second.site());
    }

    @Test
    void aRetryableErrorOrADeadFirstSiteMovesToTheListedSites() throws Exception {
        FakeDatanode busy = datanode(Duration.ofMinutes(5));
        FakeDatanode healthy = datanode(Duration.ofMinutes(5));
        stored.add(rows(1));
        busy.override =
                request ->
                        request instanceof RunQuery
                                ? CompletableFuture.completedFuture(
                                        (Message)
                                                new ErrorReply(
                                                        "UNAVAILABLE", "no in-sync replica", true))
                                : null;
        DBConnection db = connection();
        int deadPort = busy.port() == 1 ? 2 : 1; // nothing listens on port 1 or 2 here
        db.connect(
                "127.0.0.1",
                deadPort,
                "admin",
                "123456",
                "",
                true,
                List.of(busy.site(), healthy.site()));
        assertThat(db.currentSite()).isEqualTo(busy.site());
        assertThat(db.query(Query.from("dfs://trades", "t")).size()).isEqualTo(1);
        assertThat(db.currentSite()).isEqualTo(healthy.site());
        assertThat(busy.requests).hasAtLeastOneElementOfType(RunQuery.class);
    }

    @Test
    void failoverGivesUpAtTheDeadline() throws Exception {
        FakeDatanode node = datanode(Duration.ofMinutes(5));
        DBConnection db = new DBConnection(FAST.withFailoverDeadline(Duration.ofSeconds(1)));
        toClose.add(db);
        db.connect("127.0.0.1", node.port(), "admin", "123456", "", true);
        node.close();
        long start = System.nanoTime();
        assertThatThrownBy(db::getActiveMaster)
                .isInstanceOfSatisfying(
                        DBException.class, e -> assertThat(e.code()).isEqualTo("UNAVAILABLE"))
                .hasMessageContaining("no datanode answered within 1000 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
