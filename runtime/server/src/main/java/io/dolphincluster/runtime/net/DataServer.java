package io.dolphincluster.runtime.net;

import io.dolphincluster.protocol.wire.WirePipeline;
import io.dolphincluster.runtime.LogThrottle;
import io.dolphincluster.runtime.auth.Authenticator;
import io.dolphincluster.runtime.auth.HashingExecutor;
import io.dolphincluster.runtime.tls.ClusterTls;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A datanode's data protocol server. Each connection runs: idle timeout → frame decoder (size
 * limit, frame timeout) → message codec → {@link AuthGate} (first message must be a good {@code
 * Login}, within the login timeout) → {@link RequestDispatcher} → {@link ConnectionGuard}. Garbage,
 * oversized frames, requests before login and wrong passwords close only the connection they came
 * on. A connection beyond {@link DataServerOptions#maxConnections()}, beyond {@link
 * DataServerOptions#maxConnectionsPerAddress()} from its client address ({@link AddressCap}), or
 * beyond {@link DataServerOptions#maxPendingLogins()} connections that have not logged in yet, is
 * closed as soon as it opens, and counted ({@link #counters()}). Other protocols may share the port
 * ({@link ForeignProtocol}): a connection's first bytes choose its pipeline. A foreign protocol has
 * its own login rules, so its connections stop counting as pending logins once it is chosen.
 */
public final class DataServer implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(DataServer.class);

    private final DataServerOptions options;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService authExecutor;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicInteger pendingLogins = new AtomicInteger();
    private final AddressCap addressCap;
    private final AtomicLong refusedConnections = new AtomicLong();
    private final AtomicLong refusedLogins = new AtomicLong();
    private final LogThrottle refusalLog = LogThrottle.everyTenSeconds();
    private final Channel channel;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ClusterTls tls;
    private final List<ForeignProtocol> foreign;

    private DataServer(
            InetSocketAddress address,
            DataServerOptions options,
            Authenticator authenticator,
            RequestHandler handler,
            List<ForeignProtocol> foreign,
            ClusterTls tls)
            throws InterruptedException {
        this.options = options;
        this.tls = tls;
        this.foreign = List.copyOf(foreign);
        addressCap = new AddressCap(options.alias(), "data", options.maxConnectionsPerAddress());
        boss =
                new MultiThreadIoEventLoopGroup(
                        1,
                        new DefaultThreadFactory(options.alias() + "-data-accept", true),
                        NioIoHandler.newFactory());
        workers =
                new MultiThreadIoEventLoopGroup(
                        options.ioThreads(),
                        new DefaultThreadFactory(options.alias() + "-data-io", true),
                        NioIoHandler.newFactory());
        authExecutor = HashingExecutor.bounded(options.alias() + "-auth");
        try {
            channel = bind(address, authenticator, handler, this.foreign);
        } catch (Throwable e) { // Netty rethrows a BindException undeclared
            shutDown();
            throw e;
        }
        LOG.info("[{}] data server listening on {}", options.alias(), address());
    }

    /**
     * Binds {@code address} and serves connections until {@link #close()}; fails if the port is
     * taken.
     */
    public static DataServer start(
            InetSocketAddress address,
            DataServerOptions options,
            Authenticator authenticator,
            RequestHandler handler)
            throws InterruptedException {
        return start(address, options, authenticator, handler, List.of());
    }

    /**
     * As {@link #start(InetSocketAddress, DataServerOptions, Authenticator, RequestHandler)}, also
     * serving {@code foreign} protocols.
     */
    public static DataServer start(
            InetSocketAddress address,
            DataServerOptions options,
            Authenticator authenticator,
            RequestHandler handler,
            List<ForeignProtocol> foreign)
            throws InterruptedException {
        return start(address, options, authenticator, handler, foreign, ClusterTls.off());
    }

    /**
     * As {@link #start(InetSocketAddress, DataServerOptions, Authenticator, RequestHandler, List)},
     * every protocol inside TLS when {@code tls} is on.
     */
    public static DataServer start(
            InetSocketAddress address,
            DataServerOptions options,
            Authenticator authenticator,
            RequestHandler handler,
            List<ForeignProtocol> foreign,
            ClusterTls tls)
            throws InterruptedException {
        return new DataServer(address, options, authenticator, handler, foreign, tls);
    }

    private Channel bind(
            InetSocketAddress address,
            Authenticator authenticator,
            RequestHandler handler,
            List<ForeignProtocol> foreign)
            throws InterruptedException {
        RequestDispatcher dispatcher = new RequestDispatcher(options.alias(), handler);
        ConnectionGuard guard = new ConnectionGuard(options.alias());
        return new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(
                        new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                if (connections.size() >= options.maxConnections()) {
                                    refuse(ch, refusedConnections);
                                    return;
                                }
                                if (!addressCap.admit(ch)) {
                                    ch.close();
                                    return;
                                }
                                if (!takePendingSlot()) {
                                    refuse(ch, refusedLogins);
                                    return;
                                }
                                connections.add(ch);
                                tls.secureServer(ch.pipeline(), options.alias());
                                ch.pipeline()
                                        .addLast(
                                                new IdleStateHandler(
                                                        options.idleTimeout().toMillis(),
                                                        0,
                                                        0,
                                                        TimeUnit.MILLISECONDS));
                                Runnable releaseSlot = releaseOnce();
                                ch.closeFuture().addListener(f -> releaseSlot.run());
                                if (foreign.isEmpty()) {
                                    addOwnProtocol(
                                            ch.pipeline(),
                                            authenticator,
                                            dispatcher,
                                            guard,
                                            releaseSlot);
                                } else {
                                    ch.pipeline()
                                            .addLast(
                                                    new ProtocolSniffer(
                                                            foreign,
                                                            p ->
                                                                    addOwnProtocol(
                                                                            p,
                                                                            authenticator,
                                                                            dispatcher,
                                                                            guard,
                                                                            releaseSlot),
                                                            releaseSlot,
                                                            options.loginTimeout()));
                                }
                            }
                        })
                .bind(address)
                .sync()
                .channel();
    }

    private void refuse(SocketChannel ch, AtomicLong counter) {
        counter.incrementAndGet();
        warnRefused(ch);
        ch.close();
    }

    /** At most one line every 10 s: a flood of connections must not flood the log too. */
    private void warnRefused(SocketChannel ch) {
        if (refusalLog.due()) {
            LOG.warn(
                    "[{}] refusing connections (from {} and maybe others): {} open, {} waiting to log in; limits {} and {}",
                    options.alias(),
                    ch.remoteAddress(),
                    connections.size(),
                    pendingLogins.get(),
                    options.maxConnections(),
                    options.maxPendingLogins());
        }
    }

    private boolean takePendingSlot() {
        if (pendingLogins.incrementAndGet() <= options.maxPendingLogins()) return true;
        pendingLogins.decrementAndGet();
        return false;
    }

    private Runnable releaseOnce() {
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) pendingLogins.decrementAndGet();
        };
    }

    private void addOwnProtocol(
            ChannelPipeline pipeline,
            Authenticator authenticator,
            RequestDispatcher dispatcher,
            ConnectionGuard guard,
            Runnable releaseSlot) {
        WirePipeline.addCodecs(pipeline, options.loginFrameBytes(), options.maxFrameBytes());
        WirePipeline.frameDecoder(pipeline).setFrameTimeout(options.frameTimeout());
        pipeline.addLast(
                        new AuthGate(
                                options.alias(),
                                authenticator,
                                authExecutor,
                                options.maxFrameBytes(),
                                options.loginTimeout(),
                                releaseSlot))
                .addLast(dispatcher)
                .addLast(guard);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /**
     * Open connections that hold a pending-login slot: not logged in, not taken by a foreign
     * protocol.
     */
    public int waitingToLogIn() {
        return pendingLogins.get();
    }

    /** Connections currently open (authenticated or not). */
    public int openConnections() {
        return connections.size();
    }

    /** What the connection limits did so far. */
    public DataPortCounters counters() {
        return new DataPortCounters(
                connections.size(),
                refusedConnections.get(),
                addressCap.refused(),
                refusedLogins.get() + ForeignProtocol.refusedLogins(foreign));
    }

    /**
     * Stops accepting, closes every connection, and returns once the port is released; later calls
     * do nothing.
     */
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
