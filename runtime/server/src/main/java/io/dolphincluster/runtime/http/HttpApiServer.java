package io.dolphincluster.runtime.http;

import io.dolphincluster.runtime.config.HttpServerSettings;
import io.dolphincluster.runtime.net.AddressCap;
import io.dolphincluster.runtime.net.ConnectionCap;
import io.dolphincluster.runtime.net.ForeignProtocol;
import io.dolphincluster.runtime.net.ProtocolSniffer;
import io.dolphincluster.runtime.tls.ClusterTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.io.Closeable;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP/1.1 server of every process (a controller on its {@code localSite} port, an agent on its
 * own, a datanode on its data port + 1000). Bodies are limited to {@link #MAX_BODY_BYTES}; a
 * malformed request gets a 400 and its connection is closed; an idle connection is closed after
 * {@link #IDLE_SECONDS}. Neither can harm the server. {@link HttpServerSettings} bound the
 * connections open at once ({@link ConnectionCap}: one more is closed at once), those of one client
 * address ({@link AddressCap}, likewise) and the time a request's headers may take ({@link
 * HeaderDeadline}); the bodies being received share a bounded budget ({@link BodyBudget}) and a
 * connection's responses its client has not read are few ({@link PipelineLimit}), so slow or
 * numerous clients hold neither memory nor connections for long. Handlers never block the event
 * loop (password checks and other slow work run on bounded executors, a full one is a 503), so a
 * member's heartbeat on another connection is answered meanwhile. {@link BrowserGuard} refuses
 * requests for host names the process does not answer to (DNS rebinding: the settings' {@code
 * allowedHosts} and {@link HostPolicy}'s built-in ones) and changes made by another site's page
 * (CSRF). Every route declares its {@link Access}, enforced with the given {@link
 * RequestAuthenticator}; the server adds {@code GET /api/routes} ({@link Access#USER}): its route
 * table, each route with its access. Other protocols may share the port ({@link ForeignProtocol},
 * e.g. DolphinDB's on a controller): a connection's first bytes choose; the chosen protocol owns
 * that connection and its limits, and one that has not sent four bytes within the header timeout is
 * closed. Connections of every protocol count towards the connection limit.
 */
public final class HttpApiServer implements Closeable {
    public static final int MAX_BODY_BYTES = 1 << 20;
    static final int IDLE_SECONDS = 120;
    private static final String SNIFF_IDLE = "sniffIdle";

    /** The route every server adds: its route table. */
    public static final String ROUTE_TABLE = "/api/routes";

    private final EventLoopGroup boss =
            new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup workers =
            new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final AddressCap addressCap;
    private final ConnectionCap cap;
    private final BrowserGuard guard;
    private final Duration headerTimeout;
    private final AtomicLong headerTimeouts = new AtomicLong();
    private final BodyBudget.Pool bodies = new BodyBudget.Pool(BodyBudget.Pool.DEFAULT_BYTES);
    private final Channel channel;
    private final List<ForeignProtocol> foreign;

    private HttpApiServer(
            String alias,
            InetSocketAddress address,
            List<Route> routes,
            RequestAuthenticator authenticator,
            List<ForeignProtocol> foreign,
            HttpServerSettings settings,
            ClusterTls tls)
            throws InterruptedException {
        RequestDispatcher dispatcher =
                new RequestDispatcher(alias, withRouteTable(routes), authenticator);
        addressCap = new AddressCap(alias, "HTTP", settings.maxConnectionsPerAddress());
        cap = new ConnectionCap(alias, "HTTP", settings.maxConnections());
        guard = new BrowserGuard(alias, new HostPolicy(settings.allowedHosts()));
        headerTimeout = settings.headerTimeout();
        this.foreign = List.copyOf(foreign);
        try {
            channel = bind(alias, address, dispatcher, this.foreign, tls);
        } catch (Throwable e) { // Netty rethrows a BindException undeclared
            shutDownEventLoops();
            throw e;
        }
    }

    private Channel bind(
            String alias,
            InetSocketAddress address,
            RequestDispatcher dispatcher,
            List<ForeignProtocol> foreign,
            ClusterTls tls)
            throws InterruptedException {
        return new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(
                        new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline().addLast(cap).addLast(addressCap);
                                tls.secureServer(ch.pipeline(), alias);
                                if (foreign.isEmpty()) {
                                    addHttp(ch.pipeline(), dispatcher);
                                    return;
                                }
                                ch.pipeline()
                                        .addLast(
                                                SNIFF_IDLE,
                                                new IdleStateHandler(
                                                        IDLE_SECONDS, 0, 0, TimeUnit.SECONDS))
                                        .addLast(
                                                new ProtocolSniffer(
                                                        foreign,
                                                        pipeline -> {
                                                            pipeline.remove(SNIFF_IDLE);
                                                            addHttp(pipeline, dispatcher);
                                                            foreign.forEach(
                                                                    protocol ->
                                                                            protocol
                                                                                    .installBesideHttp(
                                                                                            pipeline));
                                                        },
                                                        () -> {},
                                                        headerTimeout));
                            }
                        })
                .bind(address)
                .sync()
                .channel();
    }

    private void addHttp(ChannelPipeline pipeline, RequestDispatcher dispatcher) {
        HeaderDeadline headerDeadline = new HeaderDeadline(headerTimeout, headerTimeouts);
        pipeline.addLast(new ReadTimeoutHandler(IDLE_SECONDS))
                .addLast(headerDeadline.arrivals())
                .addLast(new HttpServerCodec())
                .addLast(headerDeadline)
                .addLast(new BodyBudget(bodies))
                .addLast(new HttpObjectAggregator(MAX_BODY_BYTES))
                .addLast(guard)
                .addLast(new PipelineLimit())
                .addLast(dispatcher);
    }

    /**
     * Binds {@code address} and serves {@code routes} to the callers {@code authenticator} admits;
     * fails if the port is taken.
     */
    public static HttpApiServer start(
            String alias,
            InetSocketAddress address,
            List<Route> routes,
            RequestAuthenticator authenticator)
            throws InterruptedException {
        return start(
                alias, address, routes, authenticator, List.of(), HttpServerSettings.defaults());
    }

    /**
     * As {@link #start(String, InetSocketAddress, List, RequestAuthenticator)}, also serving {@code
     * foreign} protocols on the port, within {@code settings}.
     */
    public static HttpApiServer start(
            String alias,
            InetSocketAddress address,
            List<Route> routes,
            RequestAuthenticator authenticator,
            List<ForeignProtocol> foreign,
            HttpServerSettings settings)
            throws InterruptedException {
        return start(alias, address, routes, authenticator, foreign, settings, ClusterTls.off());
    }

    /**
     * As {@link #start(String, InetSocketAddress, List, RequestAuthenticator, List,
     * HttpServerSettings)}, over {@code tls} (HTTPS when on).
     */
    public static HttpApiServer start(
            String alias,
            InetSocketAddress address,
            List<Route> routes,
            RequestAuthenticator authenticator,
            List<ForeignProtocol> foreign,
            HttpServerSettings settings,
            ClusterTls tls)
            throws InterruptedException {
        return new HttpApiServer(alias, address, routes, authenticator, foreign, settings, tls);
    }

    private static Map<String, String> row(String method, String path, Access access) {
        Map<String, String> row = new java.util.LinkedHashMap<>();
        row.put("method", method);
        row.put("path", path);
        row.put("access", access.name());
        return row;
    }

    private static List<Route> withRouteTable(List<Route> routes) {
        List<Route> all = new ArrayList<>(routes);
        List<Map<String, String>> table = new ArrayList<>();
        for (Route route : routes) table.add(row(route.method(), route.pattern(), route.access()));
        table.add(row("GET", ROUTE_TABLE, Access.USER));
        Map<String, Object> body = Map.of("routes", List.copyOf(table));
        all.add(
                new Route(
                        "GET",
                        ROUTE_TABLE,
                        Access.USER,
                        r -> CompletableFuture.completedFuture(ApiResponse.ok(body))));
        return all;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** What the protections did so far. */
    public HttpPortCounters counters() {
        return new HttpPortCounters(
                cap.open(),
                cap.refused(),
                addressCap.refused(),
                headerTimeouts.get(),
                bodies.refused(),
                guard.wrongHost(),
                guard.crossSite(),
                ForeignProtocol.refusedLogins(foreign));
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
