package io.dolphincluster.runtime.net;

import io.dolphincluster.protocol.wire.WirePipeline;
import io.dolphincluster.runtime.auth.Authenticator;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.Closeable;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A datanode's data protocol server. Each connection runs: idle timeout → frame decoder (size limit, frame timeout) → message codec →
 * {@link AuthGate} (first message must be a good {@code Login}) → {@link RequestDispatcher} → {@link ConnectionGuard}.
 * Garbage, oversized frames, requests before login and wrong passwords close only the connection they came on.
 * Other protocols may share the port ({@link ForeignProtocol}): a connection's first bytes choose its pipeline.
 */
public final class DataServer implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(DataServer.class);

    private final DataServerOptions options;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService authExecutor;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel channel;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DataServer(InetSocketAddress address, DataServerOptions options, Authenticator authenticator, RequestHandler handler,
                       List<ForeignProtocol> foreign) throws InterruptedException {
        this.options = options;
        boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(options.alias() + "-data-accept", true), NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(options.ioThreads(), new DefaultThreadFactory(options.alias() + "-data-io", true), NioIoHandler.newFactory());
        authExecutor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256),
                new DefaultThreadFactory(options.alias() + "-auth", true));
        try {
            channel = bind(address, authenticator, handler, List.copyOf(foreign));
        } catch (Throwable e) {  // Netty rethrows a BindException undeclared
            shutDown();
            throw e;
        }
        LOG.info("[{}] data server listening on {}", options.alias(), address());
    }

    /** Binds {@code address} and serves connections until {@link #close()}; fails if the port is taken. */
    public static DataServer start(InetSocketAddress address, DataServerOptions options, Authenticator authenticator, RequestHandler handler)
            throws InterruptedException {
        return start(address, options, authenticator, handler, List.of());
    }

    /** As {@link #start(InetSocketAddress, DataServerOptions, Authenticator, RequestHandler)}, also serving {@code foreign} protocols. */
    public static DataServer start(InetSocketAddress address, DataServerOptions options, Authenticator authenticator, RequestHandler handler,
                                   List<ForeignProtocol> foreign) throws InterruptedException {
        return new DataServer(address, options, authenticator, handler, foreign);
    }

    private Channel bind(InetSocketAddress address, Authenticator authenticator, RequestHandler handler, List<ForeignProtocol> foreign)
            throws InterruptedException {
        RequestDispatcher dispatcher = new RequestDispatcher(options.alias(), handler);
        ConnectionGuard guard = new ConnectionGuard(options.alias());
        return new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(new IdleStateHandler(options.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
                        if (foreign.isEmpty()) {
                            addOwnProtocol(ch.pipeline(), authenticator, dispatcher, guard);
                        } else {
                            ch.pipeline().addLast(new ProtocolSniffer(foreign, p -> addOwnProtocol(p, authenticator, dispatcher, guard)));
                        }
                    }
                })
                .bind(address).sync().channel();
    }

    private void addOwnProtocol(ChannelPipeline pipeline, Authenticator authenticator, RequestDispatcher dispatcher, ConnectionGuard guard) {
        WirePipeline.addCodecs(pipeline, options.loginFrameBytes(), options.maxFrameBytes());
        WirePipeline.frameDecoder(pipeline).setFrameTimeout(options.frameTimeout());
        pipeline.addLast(new AuthGate(options.alias(), authenticator, authExecutor, options.maxFrameBytes()))
                .addLast(dispatcher)
                .addLast(guard);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Connections currently open (authenticated or not). */
    public int openConnections() {
        return connections.size();
    }

    /** Stops accepting, closes every connection, and returns once the port is released; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        channel.close().syncUninterruptibly();
        connections.close().syncUninterruptibly();
        shutDown();
        LOG.info("[{}] data server stopped", options.alias());
    }

    private void shutDown() {
        boss.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        authExecutor.shutdownNow();
    }
}
