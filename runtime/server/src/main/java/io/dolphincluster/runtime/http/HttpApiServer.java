package io.dolphincluster.runtime.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.io.Closeable;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP/1.1 server every controller runs on its {@code localSite} port. Bodies are limited to
 * {@link #MAX_BODY_BYTES}; a malformed request gets a 400 and its connection is closed; an idle
 * connection is closed after {@link #IDLE_SECONDS}. Neither can harm the server.
 */
public final class HttpApiServer implements Closeable {
    public static final int MAX_BODY_BYTES = 1 << 20;
    static final int IDLE_SECONDS = 120;

    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Channel channel;

    private HttpApiServer(InetSocketAddress address, List<Route> routes) throws InterruptedException {
        RequestDispatcher dispatcher = new RequestDispatcher(routes);
        try {
            channel = bind(address, dispatcher);
        } catch (Throwable e) {  // Netty rethrows a BindException undeclared
            shutDownEventLoops();
            throw e;
        }
    }

    private Channel bind(InetSocketAddress address, RequestDispatcher dispatcher) throws InterruptedException {
        return new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new ReadTimeoutHandler(IDLE_SECONDS))
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(MAX_BODY_BYTES))
                                .addLast(dispatcher);
                    }
                })
                .bind(address).sync().channel();
    }

    /** Binds {@code address} and serves {@code routes}; fails if the port is taken. */
    public static HttpApiServer start(InetSocketAddress address, List<Route> routes) throws InterruptedException {
        return new HttpApiServer(address, routes);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Stops accepting, closes every connection, and returns once the port is released. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        shutDownEventLoops();
    }

    private void shutDownEventLoops() {
        boss.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
