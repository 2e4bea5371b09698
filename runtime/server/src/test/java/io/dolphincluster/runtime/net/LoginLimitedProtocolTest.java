package io.dolphincluster.runtime.net;

import static io.dolphincluster.runtime.testkit.RawSockets.readUntilClosed;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.runtime.config.HttpServerSettings;
import io.dolphincluster.runtime.http.HttpApiServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The login limits of a protocol beside HTTP, with a toy protocol on a real {@link HttpApiServer}'s
 * port, and of two flavours sharing a budget on a real {@link DataServer}'s.
 */
class LoginLimitedProtocolTest {
    private static final Duration LOGIN_TIMEOUT = Duration.ofMillis(700);
    private static final int MAX_PENDING = 3;

    /**
     * Lines of text: {@code login} logs in, anything else is answered {@code guest} or {@code
     * user}.
     */
    static final class LineProtocol implements ForeignProtocol {
        private final String prefix;

        LineProtocol() {
            this("LINE");
        }

        /** A flavour whose connections start with {@code prefix}, 4 characters. */
        LineProtocol(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public boolean matches(ByteBuf prefix) {
            return prefix.toString(prefix.readerIndex(), 4, US_ASCII).equals(this.prefix);
        }

        @Override
        public void install(ChannelPipeline pipeline) {
            pipeline.addLast(new Session());
        }
    }

    static final class Session extends ChannelInboundHandlerAdapter {
        private volatile boolean loggedIn;

        boolean loggedIn() {
            return loggedIn;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            String text = bytes.toString(US_ASCII);
            bytes.release();
            if (text.contains("login")) loggedIn = true;
            ctx.writeAndFlush(Unpooled.copiedBuffer(loggedIn ? "user\n" : "guest\n", US_ASCII));
        }
    }

    private LoginLimitedProtocol protocol;
    private HttpApiServer server;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws InterruptedException {
        protocol =
                new LoginLimitedProtocol(
                        "test",
                        new LineProtocol(),
                        Session.class,
                        s -> s::loggedIn,
                        LOGIN_TIMEOUT,
                        MAX_PENDING);
        server =
                HttpApiServer.start(
                        "test",
                        new InetSocketAddress("127.0.0.1", 0),
                        List.of(),
                        r -> null,
                        List.of(protocol),
                        HttpServerSettings.defaults());
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) socket.close();
        server.close();
    }

    @Test
    void aConnectionThatDoesNotLogInIsClosedAfterTheLoginTimeout() throws Exception {
        Socket guest = open("LINE hello\n");
        assertThat(readLine(guest)).isEqualTo("guest");
        long start = System.nanoTime();
        assertThat(guest.getInputStream().read()).as("closed").isEqualTo(-1);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isLessThan(LOGIN_TIMEOUT.multipliedBy(3));
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> protocol.waitingToLogIn() == 0);
    }

    @Test
    void aConnectionThatLoggedInOutlivesTheDeadline() throws Exception {
        Socket user = open("LINE login\n");
        assertThat(readLine(user)).isEqualTo("user");
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> protocol.waitingToLogIn() == 0);
        long past = System.nanoTime() + LOGIN_TIMEOUT.multipliedBy(2).toNanos();
        Awaitility.await()
                .pollInterval(Duration.ofMillis(100))
                .atMost(Duration.ofSeconds(5))
                .until(() -> System.nanoTime() > past);
        user.getOutputStream().write("again\n".getBytes(US_ASCII));
        assertThat(readLine(user)).isEqualTo("user");
    }

    @Test
    void beyondTheConnectionsWaitingToLogInOneMoreIsClosedAtOnceUntilOneLogsIn() throws Exception {
        List<Socket> waiting = new ArrayList<>();
        for (int i = 0; i < MAX_PENDING; i++) {
            waiting.add(open("LINE hi\n"));
            assertThat(readLine(waiting.get(i))).isEqualTo("guest");
        }
        Socket extra = open("LINE hi\n");
        assertThat(readUntilClosed(extra)).as("not served at all").isEmpty();
        assertThat(protocol.refusedLogins()).isEqualTo(1);
        assertThat(server.counters().refusedLogins()).as("in the port's /metrics").isEqualTo(1);

        waiting.get(0).getOutputStream().write("login\n".getBytes(US_ASCII));
        assertThat(readLine(waiting.get(0))).isEqualTo("user");
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> protocol.waitingToLogIn() == MAX_PENDING - 1);
        Socket next = open("LINE hi\n");
        assertThat(readLine(next)).isEqualTo("guest");
    }

    @Test
    void flavoursSharingABudgetCountTheirOwnRefusalsAndTheDataPortAddsThemUp() throws Exception {
        List<ForeignProtocol> flavours =
                LoginLimitedProtocol.sharingOneBudget(
                        "test",
                        List.of(new LineProtocol("LINE"), new LineProtocol("TEXT")),
                        Session.class,
                        s -> s::loggedIn,
                        Duration.ofSeconds(30),
                        1);
        DataServer port =
                DataServer.start(
                        new InetSocketAddress("127.0.0.1", 0),
                        DataServerOptions.defaults("datanode1"),
                        (user, password) -> false,
                        (session, request) ->
                                CompletableFuture.failedFuture(
                                        new IllegalStateException("no requests here")),
                        flavours);
        try {
            Socket waiting = open(port.address(), "LINE hi\n");
            assertThat(readLine(waiting)).isEqualTo("guest");
            assertThat(readUntilClosed(open(port.address(), "LINE hi\n"))).isEmpty();
            assertThat(readUntilClosed(open(port.address(), "TEXT hi\n"))).isEmpty();

            assertThat(flavours).extracting(ForeignProtocol::refusedLogins).containsExactly(1L, 1L);
            assertThat(port.counters().refusedLogins())
                    .as("in the data port's /metrics, each refusal once")
                    .isEqualTo(2);
        } finally {
            port.close();
        }
    }

    private Socket open(String first) throws IOException {
        return open(server.address(), first);
    }

    private Socket open(InetSocketAddress address, String first) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.connect(address, 5_000);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(first.getBytes(US_ASCII));
        return socket;
    }

    private static String readLine(Socket socket) throws IOException {
        StringBuilder line = new StringBuilder();
        InputStream in = socket.getInputStream();
        for (int b; (b = in.read()) != -1 && b != '\n'; ) line.append((char) b);
        return line.toString();
    }
}
