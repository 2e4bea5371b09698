package io.dolphincluster.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.protocol.wire.ActiveMaster;
import io.dolphincluster.protocol.wire.Envelope;
import io.dolphincluster.protocol.wire.GetActiveMaster;
import io.dolphincluster.protocol.wire.Login;
import io.dolphincluster.protocol.wire.LoginOk;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One port, two protocols: the first bytes of a connection choose; the project's own protocol is
 * unchanged.
 */
class SharedPortTest {
    /**
     * Takes connections that start with {@code prefix}: answers {@code reply} and closes, or,
     * without one, keeps them open.
     */
    record PrefixProtocol(String prefix, String reply) implements ForeignProtocol {
        @Override
        public boolean matches(ByteBuf bytes) {
            return bytes.toString(bytes.readerIndex(), 4, StandardCharsets.US_ASCII).equals(prefix);
        }

        @Override
        public void install(ChannelPipeline pipeline) {
            pipeline.addLast(
                    new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ((ByteBuf) msg).release();
                            if (reply != null) {
                                ctx.writeAndFlush(
                                                Unpooled.copiedBuffer(
                                                        reply, StandardCharsets.US_ASCII))
                                        .addListener(ChannelFutureListener.CLOSE);
                            }
                        }
                    });
        }
    }

    private static final PrefixProtocol PING = new PrefixProtocol("PING", "PONG");
    private static final PrefixProtocol HOLD = new PrefixProtocol("HOLD", null);

    private DataServer server;

    @BeforeEach
    void start() throws InterruptedException {
        server =
                DataServer.start(
                        new InetSocketAddress("127.0.0.1", 0),
                        DataServerOptions.defaults("datanode1")
                                .withIdleTimeout(Duration.ofMillis(800)),
                        (user, password) -> user.equals("admin") && password.equals("123456"),
                        (session, request) ->
                                CompletableFuture.completedFuture(new ActiveMaster("controller1")),
                        List.of(PING));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theProjectsOwnClientsAreServedAsBefore() throws IOException {
        try (WireTestClient client = new WireTestClient(server.address())) {
            client.send(1, new Login("admin", "123456"));
            assertThat(client.receive()).isEqualTo(new Envelope(1, new LoginOk()));
            client.send(2, new GetActiveMaster());
            assertThat(client.receive())
                    .isEqualTo(new Envelope(2, new ActiveMaster("controller1")));
        }
    }

    @Test
    void anotherProtocolIsRecognisedByItsFirstBytes() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            socket.getOutputStream().write("PI".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.getOutputStream().write("NG!".getBytes(StandardCharsets.US_ASCII));
            assertThat(
                            new String(
                                    socket.getInputStream().readAllBytes(),
                                    StandardCharsets.US_ASCII))
                    .isEqualTo("PONG");
        }
    }

    @Test
    void aConnectionThatNeverSaysWhichIsClosedWhenIdle() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(new byte[] {1, 2});
            InputStream in = socket.getInputStream();
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aSilentConnectionIsClosedAtTheLoginTimeoutAndAForeignProtocolFreesItsPendingSlot()
            throws Exception {
        DataServer limited =
                DataServer.start(
                        new InetSocketAddress("127.0.0.1", 0),
                        DataServerOptions.defaults("datanode2")
                                .withLoginLimits(Duration.ofMillis(1500), 2, 10),
                        (user, password) -> false,
                        (session, request) ->
                                CompletableFuture.completedFuture(new ActiveMaster("controller1")),
                        List.of(PING, HOLD));
        List<Socket> held = new java.util.ArrayList<>();
        try (Socket silent = new Socket("127.0.0.1", limited.address().getPort())) {
            silent.setSoTimeout(5000);
            long start = System.nanoTime();
            assertThat(silent.getInputStream().read()).as("closed by the server").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("at the login timeout, not the idle timeout")
                    .isLessThan(Duration.ofSeconds(4));
            for (int i = 0; i < 4; i++) { // more than the two pending-login slots, all open at once
                Socket socket = new Socket("127.0.0.1", limited.address().getPort());
                held.add(socket);
                socket.getOutputStream().write("HOLD".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                org.awaitility.Awaitility.await()
                        .atMost(Duration.ofSeconds(5))
                        .until(() -> limited.waitingToLogIn() == 0);
            }
            try (Socket ping = new Socket("127.0.0.1", limited.address().getPort())) {
                ping.getOutputStream().write("PING".getBytes(StandardCharsets.US_ASCII));
                assertThat(
                                new String(
                                        ping.getInputStream().readAllBytes(),
                                        StandardCharsets.US_ASCII))
                        .isEqualTo("PONG");
            }
        } finally {
            for (Socket socket : held) socket.close();
            limited.close();
        }
    }
}
