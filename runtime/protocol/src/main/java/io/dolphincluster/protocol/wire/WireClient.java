package io.dolphincluster.protocol.wire;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One asynchronous connection to a data server: {@link #request} sends a message and completes with
 * its answer (an {@link ErrorReply} answer is a normal completion). Requests may be in flight
 * together. When the connection closes, every waiting request fails with {@link
 * ConnectionLostException} (naming the server's reason if it sent one); a request above the frame
 * limit fails with {@link FrameTooLargeException} and the connection stays usable. A caller may put
 * a timeout on the returned future ({@code orTimeout}); nothing is leaked when it fires.
 *
 * <p>Used by the Java client and for datanode-to-datanode calls; it does not log in by itself (send
 * {@link Login} first).
 */
public final class WireClient implements AutoCloseable {
    private final String address;
    private final Map<Long, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile Channel channel;
    private volatile String closeReason = "the connection was closed";

    private WireClient(String address) {
        this.address = address;
    }

    /**
     * Opens a connection to {@code host:port}; fails with {@link ConnectionLostException} when it
     * cannot.
     */
    public static CompletableFuture<WireClient> connect(
            EventLoopGroup group,
            String host,
            int port,
            int maxFrameBytes,
            Duration connectTimeout) {
        return connect(group, host, port, maxFrameBytes, connectTimeout, null);
    }

    /**
     * As {@link #connect(EventLoopGroup, String, int, int, Duration)}, over TLS when {@code tls} is
     * not null: the server's certificate must be trusted by {@code tls} and name {@code host} (a
     * client context with endpoint identification), or the connection closes and every request
     * fails with the handshake's reason.
     */
    public static CompletableFuture<WireClient> connect(
            EventLoopGroup group,
            String host,
            int port,
            int maxFrameBytes,
            Duration connectTimeout,
            SslContext tls) {
        WireClient client = new WireClient(host + ":" + port);
        CompletableFuture<WireClient> connected = new CompletableFuture<>();
        ChannelFuture connect =
                new Bootstrap()
                        .group(group)
                        .channel(NioSocketChannel.class)
                        .option(
                                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                                (int) connectTimeout.toMillis())
                        .option(ChannelOption.TCP_NODELAY, true)
                        .handler(
                                new ChannelInitializer<SocketChannel>() {
                                    @Override
                                    protected void initChannel(SocketChannel ch) {
                                        if (tls != null)
                                            ch.pipeline()
                                                    .addLast(
                                                            tls.newHandler(ch.alloc(), host, port));
                                        WirePipeline.addCodecs(ch.pipeline(), maxFrameBytes);
                                        ch.pipeline().addLast(client.new Answers());
                                    }
                                })
                        .connect(host, port);
        connect.addListener(
                done -> {
                    if (done.isSuccess()) {
                        client.channel = connect.channel();
                        connected.complete(client);
                    } else {
                        connected.completeExceptionally(
                                new ConnectionLostException(
                                        "cannot connect to "
                                                + client.address
                                                + ": "
                                                + done.cause().getMessage(),
                                        done.cause()));
                    }
                });
        return connected;
    }

    public CompletableFuture<Message> request(Message message) {
        CompletableFuture<Message> answer = new CompletableFuture<>();
        if (!channel.isActive()) {
            answer.completeExceptionally(lost());
            return answer;
        }
        long id = ids.incrementAndGet();
        pending.put(id, answer);
        answer.whenComplete((m, t) -> pending.remove(id));
        channel.writeAndFlush(new Envelope(id, message))
                .addListener(
                        written -> {
                            if (written.isSuccess()) return;
                            Throwable cause = written.cause();
                            answer.completeExceptionally(
                                    cause != null
                                                    && cause.getCause()
                                                            instanceof FrameTooLargeException
                                            ? cause.getCause()
                                            : new ConnectionLostException(
                                                    address + ": sending failed: " + cause, cause));
                        });
        if (!channel.isActive()) failAll(); // closed between the check and the put
        return answer;
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** {@code host:port} of the server. */
    public String address() {
        return address;
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(1000);
    }

    private ConnectionLostException lost() {
        return new ConnectionLostException(address + ": " + closeReason);
    }

    private void failAll() {
        for (Long id : pending.keySet()) {
            CompletableFuture<Message> waiting = pending.remove(id);
            if (waiting != null) waiting.completeExceptionally(lost());
        }
    }

    /**
     * Hands answers to their requests; a server error with no request (id 0) is its reason for
     * closing.
     */
    private final class Answers extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Envelope envelope = (Envelope) msg;
            CompletableFuture<Message> waiting = pending.remove(envelope.requestId());
            if (waiting != null) {
                waiting.complete(envelope.message());
            } else if (envelope.message() instanceof ErrorReply) {
                ErrorReply error = (ErrorReply) envelope.message();
                closeReason =
                        "the server closed the connection: " + error.code() + " " + error.message();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            failAll();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closeReason = "the connection failed: " + cause;
            ctx.close();
        }
    }
}
