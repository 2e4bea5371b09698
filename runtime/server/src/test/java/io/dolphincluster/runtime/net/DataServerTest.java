package io.dolphincluster.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dolphincluster.protocol.wire.ActiveMaster;
import io.dolphincluster.protocol.wire.Envelope;
import io.dolphincluster.protocol.wire.ErrorCode;
import io.dolphincluster.protocol.wire.ErrorReply;
import io.dolphincluster.protocol.wire.Frame;
import io.dolphincluster.protocol.wire.GetActiveMaster;
import io.dolphincluster.protocol.wire.GetSites;
import io.dolphincluster.protocol.wire.Login;
import io.dolphincluster.protocol.wire.LoginOk;
import io.dolphincluster.protocol.wire.Message;
import io.dolphincluster.protocol.wire.Ok;
import io.dolphincluster.protocol.wire.Sites;
import io.dolphincluster.runtime.auth.Authenticator;
import io.dolphincluster.runtime.metrics.ProcessMetrics;
import io.dolphincluster.runtime.metrics.PrometheusTextParser;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class DataServerTest {
    private static final Duration IDLE = Duration.ofMillis(1500);
    private static final Duration FRAME_TIMEOUT = Duration.ofMillis(1000);
    private static final Authenticator ADMIN_ONLY =
            (user, password) -> user.equals("admin") && password.equals("123456");

    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private DataServer server;

    @BeforeEach
    void start() throws InterruptedException {
        logs.start();
        ((Logger) LoggerFactory.getLogger(AuthGate.class)).addAppender(logs);
        server =
                DataServer.start(
                        new InetSocketAddress("127.0.0.1", 0),
                        DataServerOptions.defaults("datanode1")
                                .withIdleTimeout(IDLE)
                                .withFrameTimeout(FRAME_TIMEOUT),
                        ADMIN_ONLY,
                        this::handle);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(AuthGate.class)).detachAppender(logs);
        server.close();
    }

    private CompletableFuture<Message> handle(Session session, Message request) {
        sessions.add(session);
        if (request instanceof GetActiveMaster)
            return CompletableFuture.completedFuture(new ActiveMaster("controller1"));
        if (request instanceof GetSites) {
            return CompletableFuture.supplyAsync(
                    () -> new Sites(List.of("127.0.0.1:1:slow")),
                    CompletableFuture.delayedExecutor(3, TimeUnit.SECONDS));
        }
        if (request instanceof Ok)
            throw new RequestException("NOT_PRIMARY", "ask the primary", true);
        throw new IllegalStateException("boom");
    }

    private WireTestClient loggedIn() throws IOException {
        WireTestClient client = new WireTestClient(server.address());
        client.send(1, new Login("admin", "123456"));
        assertThat(client.receive()).isEqualTo(new Envelope(1, new LoginOk()));
        return client;
    }

    @Test
    void aLoggedInClientGetsAnswersAndItsSessionCarriesTheUser() throws IOException {
        try (WireTestClient client = loggedIn()) {
            client.send(2, new GetActiveMaster());
            assertThat(client.receive())
                    .isEqualTo(new Envelope(2, new ActiveMaster("controller1")));
            assertThat(sessions)
                    .singleElement()
                    .satisfies(
                            s -> {
                                assertThat(s.user()).isEqualTo("admin");
                                assertThat(s.remote().getAddress().getHostAddress())
                                        .isEqualTo("127.0.0.1");
                            });
        }
    }

    @Test
    void failedRequestsBecomeErrorsAndTheConnectionStaysOpen() throws IOException {
        try (WireTestClient client = loggedIn()) {
            client.send(2, new Ok());
            assertThat(client.receive())
                    .isEqualTo(
                            new Envelope(
                                    2, new ErrorReply("NOT_PRIMARY", "ask the primary", true)));
            client.send(3, new io.dolphincluster.protocol.wire.CreateDatabase("dfs://x", "VALUE"));
            Envelope internal = client.receive();
            assertThat(((ErrorReply) internal.message()).code()).isEqualTo(ErrorCode.INTERNAL);
            client.send(4, new Login("admin", "123456"));
            assertThat(((ErrorReply) client.receive().message()).message())
                    .isEqualTo("already logged in");
            client.send(5, new GetActiveMaster());
            assertThat(client.receive().message()).isEqualTo(new ActiveMaster("controller1"));
        }
    }

    @Test
    void aWrongPasswordIsRefusedLoggedWithoutThePasswordAndClosed() throws IOException {
        try (WireTestClient client = new WireTestClient(server.address())) {
            client.send(7, new Login("admin", "guess-me"));
            Envelope answer = client.receive();
            assertThat(answer.requestId()).isEqualTo(7);
            assertThat(((ErrorReply) answer.message()).code()).isEqualTo(ErrorCode.AUTH);
            assertThat(client.closedByServerWithin(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(logs.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(
                        line ->
                                assertThat(line)
                                        .matches(
                                                "\\[datanode1] login refused for user admin from 127\\.0\\.0\\.1:\\d+"))
                .noneSatisfy(line -> assertThat(line).contains("guess-me"));
        assertThat(sessions).isEmpty();
    }

    @Test
    void connectionsThatDoNotLogInAreLimitedAndClosedAfterTheLoginTimeout() throws Exception {
        DataServer limited =
                DataServer.start(
                        new InetSocketAddress("127.0.0.1", 0),
                        DataServerOptions.defaults("datanode2")
                                .withLoginLimits(Duration.ofMillis(1500), 3, 5),
                        ADMIN_ONLY,
                        this::handle);
        List<WireTestClient> silent = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) silent.add(new WireTestClient(limited.address()));
            await("three waiting to log in")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> limited.openConnections() == 3);
            try (WireTestClient fourth = new WireTestClient(limited.address())) {
                assertThat(fourth.closedByServerWithin(Duration.ofSeconds(2)))
                        .as("beyond the pending-login limit")
                        .isTrue();
            }
            for (WireTestClient client : silent) {
                Envelope refused = client.receive();
                assertThat(refused.message())
                        .isInstanceOfSatisfying(
                                ErrorReply.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.LOGIN_REQUIRED));
                assertThat(client.closedByServerWithin(Duration.ofSeconds(2))).isTrue();
            }
            try (WireTestClient client = new WireTestClient(limited.address())) {
                client.send(1, new Login("admin", "123456"));
                assertThat(client.receive())
                        .as("the slots are free again")
                        .isEqualTo(new Envelope(1, new LoginOk()));
                Thread.sleep(2_000);
                client.send(2, new GetActiveMaster());
                assertThat(client.receive().message())
                        .as("a logged-in connection outlives the login timeout")
                        .isEqualTo(new ActiveMaster("controller1"));
            }
        } finally {
            for (WireTestClient client : silent) client.close();
            limited.close();
        }
    }

    @Test
    void oneAddressFloodingThePortIsRefusedWhileAnotherStillConnectsAndLogsIn() throws Exception {
        DataServer limited =
                DataServer.start(
                        new InetSocketAddress("127.0.0.1", 0),
                        DataServerOptions.defaults("datanode3").withMaxConnectionsPerAddress(3),
                        ADMIN_ONLY,
                        this::handle);
        List<WireTestClient> flood = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 3; i++)
                flood.add(new WireTestClient(limited.address(), "127.0.0.2"));
            await("three open from 127.0.0.2")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> limited.openConnections() == 3);
            for (int i = 0; i < 5; i++) {
                try (WireTestClient more = new WireTestClient(limited.address(), "127.0.0.2")) {
                    assertThat(more.closedByServerWithin(Duration.ofSeconds(2)))
                            .as("beyond the limit of its address")
                            .isTrue();
                }
            }
            try (WireTestClient other = new WireTestClient(limited.address(), "127.0.0.3")) {
                other.send(1, new Login("admin", "123456"));
                assertThat(other.receive())
                        .as("another address still gets in")
                        .isEqualTo(new Envelope(1, new LoginOk()));
            }
            await("the other address's connection closed")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> limited.openConnections() == 3);
            assertThat(limited.counters())
                    .as("counted as the address's refusals, nothing else")
                    .isEqualTo(new DataPortCounters(3, 0, 5, 0));

            ProcessMetrics registry = new ProcessMetrics();
            DataPortCounters.register(registry, "datanode3", limited::counters);
            PrometheusTextParser.Parsed metrics = PrometheusTextParser.parse(registry.scrape());
            assertThat(
                            metrics.value(
                                    "dolphin_data_port_refused_total",
                                    "node",
                                    "datanode3",
                                    "reason",
                                    "address_limit"))
                    .isEqualTo(5);
            assertThat(metrics.value("dolphin_data_port_connections", "node", "datanode3"))
                    .isEqualTo(3);

            flood.remove(0).close();
            await("the slot of the closed one comes back")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> limited.openConnections() == 2);
            try (WireTestClient again = new WireTestClient(limited.address(), "127.0.0.2")) {
                again.send(2, new Login("admin", "123456"));
                assertThat(again.receive()).isEqualTo(new Envelope(2, new LoginOk()));
            }
        } finally {
            for (WireTestClient client : flood) client.close();
            limited.close();
        }
    }

    @Test
    void aRequestBeforeLoginIsRefusedAndClosed() throws IOException {
        try (WireTestClient client = new WireTestClient(server.address())) {
            client.send(3, new GetActiveMaster());
            assertThat(((ErrorReply) client.receive().message()).code())
                    .isEqualTo(ErrorCode.LOGIN_REQUIRED);
            assertThat(client.closedByServerWithin(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(sessions).isEmpty();
    }

    @Test
    void oversizedFramesAreRefusedBeforeAndAfterLogin() throws IOException {
        try (WireTestClient client = new WireTestClient(server.address())) {
            client.sendRaw(
                    ByteBuffer.allocate(4).putInt(1 << 20).array()); // above the 64 KiB login limit
            assertThat(((ErrorReply) client.receive().message()).code())
                    .isEqualTo(ErrorCode.PROTOCOL);
            assertThat(client.closedByServerWithin(Duration.ofSeconds(5))).isTrue();
        }
        try (WireTestClient client = loggedIn()) {
            client.sendRaw(
                    ByteBuffer.allocate(4).putInt(Frame.DEFAULT_MAX_FRAME_BYTES + 1).array());
            ErrorReply error = (ErrorReply) client.receive().message();
            assertThat(error.code()).isEqualTo(ErrorCode.PROTOCOL);
            assertThat(error.message()).contains("larger than the maximum");
            assertThat(client.closedByServerWithin(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void thousandsOfGarbageConnectionsLeaveTheServerHealthy() throws Exception {
        int threadsBefore = Thread.activeCount();
        Random random = new Random(42);
        for (int i = 0; i < 3000; i++) {
            try (WireTestClient client =
                    (i % 3 == 0) ? loggedIn() : new WireTestClient(server.address())) {
                client.sendRaw(garbage(random, i));
                assertThat(client.closedByServerWithin(Duration.ofSeconds(10)))
                        .as("garbage connection %d closed", i)
                        .isTrue();
            }
        }
        try (WireTestClient client =
                new WireTestClient(server.address())) { // many bad frames on one connection
            boolean refusedMidStream = false;
            try {
                for (int i = 0; i < 2000; i++) client.sendRaw(garbage(random, i));
            } catch (IOException serverAlreadyClosedIt) {
                refusedMidStream = true;
            }
            assertThat(refusedMidStream || client.closedByServerWithin(Duration.ofSeconds(10)))
                    .isTrue();
        }
        try (WireTestClient client = loggedIn()) {
            client.send(2, new GetActiveMaster());
            assertThat(client.receive().message()).isEqualTo(new ActiveMaster("controller1"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 0);
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore + 8);
        assertThat(
                        PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory()
                                + PooledByteBufAllocator.DEFAULT.metric().usedHeapMemory())
                .isLessThan(64L << 20);
    }

    /** Random bytes, lying length prefixes, wrong versions, unknown types and random payloads. */
    private static byte[] garbage(Random random, int i) {
        switch (i % 5) {
            case 0:
                {
                    byte[] bytes = new byte[4 + random.nextInt(200)];
                    random.nextBytes(bytes);
                    return bytes;
                }
            case 1:
                return ByteBuffer.allocate(4)
                        .putInt(
                                random.nextBoolean()
                                        ? -1 - random.nextInt(1000)
                                        : (1 << 16) + 1 + random.nextInt(1 << 30))
                        .array();
            case 2:
                return ByteBuffer.allocate(4).putInt(random.nextInt(Frame.HEADER_BYTES)).array();
            default:
                {
                    byte[] payload = new byte[random.nextInt(100)];
                    random.nextBytes(payload);
                    int type = i % 5 == 3 ? 100 + random.nextInt(156) : 1 + random.nextInt(50);
                    byte version =
                            i % 5 == 4 && random.nextBoolean()
                                    ? (byte) random.nextInt()
                                    : Frame.VERSION;
                    return ByteBuffer.allocate(4 + Frame.HEADER_BYTES + payload.length)
                            .putInt(Frame.HEADER_BYTES + payload.length)
                            .put(version)
                            .put((byte) type)
                            .putLong(random.nextLong())
                            .put(payload)
                            .array();
                }
        }
    }

    @Test
    void aHalfFrameIsClosedByTheIdleTimeout() throws IOException {
        try (WireTestClient client = new WireTestClient(server.address())) {
            client.sendRaw(new byte[] {0, 0, 0, 50, 1, 1});
            long start = System.nanoTime();
            assertThat(client.closedByServerWithin(Duration.ofSeconds(10))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isGreaterThanOrEqualTo(IDLE.minusMillis(200));
        }
    }

    @Test
    void aFrameTrickledByteByByteIsRefusedAtTheFrameTimeout() throws Exception {
        try (WireTestClient client = new WireTestClient(server.address())) {
            byte[] frame =
                    ByteBuffer.allocate(4 + 60).putInt(60).put(Frame.VERSION).put((byte) 1).array();
            long start = System.nanoTime();
            try {
                for (int i = 0;
                        i < frame.length
                                && Duration.ofNanos(System.nanoTime() - start)
                                                .compareTo(Duration.ofSeconds(10))
                                        < 0;
                        i++) {
                    client.sendRaw(new byte[] {frame[i]});
                    Thread.sleep(200); // the trickle itself: slower than the frame timeout allows,
                    // faster than the idle timeout
                }
            } catch (IOException closedByServer) {
                // expected
            }
            assertThat(client.closedByServerWithin(Duration.ofSeconds(5))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aConnectionWaitingForASlowAnswerIsNotIdle() throws IOException {
        try (WireTestClient client = loggedIn()) {
            client.send(9, new GetSites()); // the handler answers after 3 s, twice the idle timeout
            assertThat(client.receive())
                    .isEqualTo(new Envelope(9, new Sites(List.of("127.0.0.1:1:slow"))));
        }
    }
}
