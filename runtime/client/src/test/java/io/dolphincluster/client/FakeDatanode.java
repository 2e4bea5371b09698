package io.dolphincluster.client;

import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.wire.ActiveMaster;
import io.dolphincluster.protocol.wire.Append;
import io.dolphincluster.protocol.wire.AppendOk;
import io.dolphincluster.protocol.wire.CreateDatabase;
import io.dolphincluster.protocol.wire.CreateTable;
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
import io.dolphincluster.protocol.wire.QueryResult;
import io.dolphincluster.protocol.wire.RunQuery;
import io.dolphincluster.protocol.wire.Sites;
import io.dolphincluster.protocol.wire.WirePipeline;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A datanode as a client sees it, on the wire protocol alone (the protocol's codecs on Netty, no
 * server classes): the first message must be a Login of admin/123456, a connection idle for {@code
 * idleTimeout} is closed, and each request gets its answer under the request's id. It records every
 * request, stores appended rows in memory (once per write id, like the real write path), answers
 * queries with all of them, and lets a test replace the answer to a request ({@link #override}).
 * The real data server's own behaviour is {@code DataServerTest}'s (server module).
 */
final class FakeDatanode implements AutoCloseable {
    final List<Message> requests = new CopyOnWriteArrayList<>();
    final List<String> writeIds = new CopyOnWriteArrayList<>();
    volatile Supplier<List<String>> sites = List::of;
    volatile Function<Message, CompletableFuture<Message>> override = request -> null;
    private final List<RowBatch> stored;
    private final EventLoopGroup group =
            new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel server;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** {@code stored} may be shared by several fakes, as a cluster shares its data. */
    FakeDatanode(List<RowBatch> stored, Duration idleTimeout) throws InterruptedException {
        this.stored = stored;
        server =
                new ServerBootstrap()
                        .group(group)
                        .channel(NioServerSocketChannel.class)
                        .childHandler(
                                new ChannelInitializer<SocketChannel>() {
                                    @Override
                                    protected void initChannel(SocketChannel channel) {
                                        connections.add(channel);
                                        channel.pipeline()
                                                .addLast(
                                                        new IdleStateHandler(
                                                                0,
                                                                0,
                                                                idleTimeout.toMillis(),
                                                                TimeUnit.MILLISECONDS));
                                        WirePipeline.addCodecs(
                                                channel.pipeline(), Frame.DEFAULT_MAX_FRAME_BYTES);
                                        channel.pipeline().addLast(new Connection());
                                    }
                                })
                        .bind(new InetSocketAddress("127.0.0.1", 0))
                        .sync()
                        .channel();
    }

    String site() {
        return "127.0.0.1:" + port() + ":" + "dn" + port();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    int openConnections() {
        return connections.size();
    }

    /** One client connection: Login first, then requests answered in any order under their ids. */
    private final class Connection extends SimpleChannelInboundHandler<Envelope> {
        private boolean loggedIn;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Envelope envelope) {
            if (!loggedIn) {
                Message answer = login(envelope.message());
                loggedIn = answer instanceof LoginOk;
                ctx.writeAndFlush(new Envelope(envelope.requestId(), answer));
                return;
            }
            handle(envelope.message())
                    .whenComplete(
                            (reply, failure) ->
                                    ctx.writeAndFlush(
                                            new Envelope(
                                                    envelope.requestId(),
                                                    failure == null
                                                            ? reply
                                                            : new ErrorReply(
                                                                    ErrorCode.INTERNAL,
                                                                    String.valueOf(failure),
                                                                    false))));
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof IdleStateEvent) {
                ctx.close();
            } else {
                super.userEventTriggered(ctx, event);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static Message login(Message message) {
        if (!(message instanceof Login login)) {
            return new ErrorReply(
                    ErrorCode.LOGIN_REQUIRED,
                    "the first message must be Login, got " + message.type(),
                    false);
        }
        return login.user().equals("admin") && login.password().equals("123456")
                ? new LoginOk()
                : new ErrorReply(ErrorCode.AUTH, "wrong user name or password", false);
    }

    private CompletableFuture<Message> handle(Message request) {
        requests.add(request);
        if (request instanceof Append append) writeIds.add(append.writeId());
        CompletableFuture<Message> overridden = override.apply(request);
        if (overridden != null) return overridden;
        return CompletableFuture.completedFuture(answer(request));
    }

    private Message answer(Message request) {
        if (request instanceof GetActiveMaster) return new ActiveMaster("controller1");
        if (request instanceof GetSites) return new Sites(sites.get());
        if (request instanceof CreateDatabase || request instanceof CreateTable) return new Ok();
        if (request instanceof Append append) {
            synchronized (stored) {
                stored.add(append.rows());
            }
            return new AppendOk(append.rows().size());
        }
        if (request instanceof RunQuery query) {
            synchronized (stored) {
                if (stored.isEmpty())
                    return new ErrorReply(
                            ErrorCode.BAD_REQUEST,
                            "no table '" + query.query().table() + "'",
                            false);
                RowBatch first = stored.get(0);
                return new QueryResult(
                        new RowBatch(
                                first.schema(),
                                stored.stream().flatMap(b -> b.rows().stream()).toList()));
            }
        }
        return new ErrorReply(
                ErrorCode.BAD_REQUEST, "the fake does not serve " + request.type(), false);
    }

    /**
     * Closes the port and every connection at once, as a killed datanode would; a second call does
     * nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        server.close().syncUninterruptibly();
        connections.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
