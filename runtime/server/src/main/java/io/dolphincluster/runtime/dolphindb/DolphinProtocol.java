package io.dolphincluster.runtime.dolphindb;

import io.dolphincluster.runtime.dolphindb.wire.ApiConnectionHandler;
import io.dolphincluster.runtime.dolphindb.wire.ApiRequestRunner;
import io.dolphincluster.runtime.dolphindb.wire.RequestDecoder;
import io.dolphincluster.runtime.dolphindb.wire.WebSocketBridge;
import io.dolphincluster.runtime.dolphindb.wire.WebSocketUpgrade;
import io.dolphincluster.runtime.net.DataServerOptions;
import io.dolphincluster.runtime.net.ForeignProtocol;
import io.dolphincluster.runtime.net.LoginLimitedProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelPipeline;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * DolphinDB's API protocol on a shared port: connections whose first bytes are {@code API } or
 * {@code API2} (the TCP APIs), or on a data port also {@code GET } (the JavaScript API's WebSocket
 * upgrade), get the request decoder (small requests before login, as the data port's own protocol
 * allows small frames; its frame limit after; its frame timeout per request) and a connection
 * handler that runs requests on {@code executor}. Beside HTTP, where {@code GET} is HTTP's, the
 * WebSocket is reached by the HTTP upgrade instead ({@link WebSocketUpgrade}).
 */
public final class DolphinProtocol implements ForeignProtocol {
    private final DataServerOptions options;
    private final ApiRequestRunner runner;
    private final Executor executor;
    private final boolean webSocket;

    private DolphinProtocol(
            DataServerOptions options,
            ApiRequestRunner runner,
            Executor executor,
            boolean webSocket) {
        this.options = options;
        this.runner = runner;
        this.executor = executor;
        this.webSocket = webSocket;
    }

    /**
     * The TCP flavour, to serve beside HTTP: on that port a request upgrading to a WebSocket is the
     * WebSocket flavour ({@link #installBesideHttp}), every other HTTP request stays HTTP's.
     */
    public static ForeignProtocol tcp(
            DataServerOptions options, ApiRequestRunner runner, Executor executor) {
        return new DolphinProtocol(options, runner, executor, false);
    }

    /**
     * The TCP and the WebSocket flavours, to serve beside a data port's own protocol, with the
     * port's login rules: a connection must log in within {@link DataServerOptions#loginTimeout()},
     * and at most {@link DataServerOptions#maxPendingLogins()} of the two flavours together may be
     * waiting to (the data port's own protocol counts its own).
     */
    public static List<ForeignProtocol> on(
            DataServerOptions options, ApiRequestRunner runner, Executor executor) {
        return LoginLimitedProtocol.sharingOneBudget(
                options.alias(),
                List.of(
                        tcp(options, runner, executor),
                        new DolphinProtocol(options, runner, executor, true)),
                ApiConnectionHandler.class,
                handler -> handler::loggedIn,
                options.loginTimeout(),
                options.maxPendingLogins());
    }

    @Override
    public boolean matches(ByteBuf prefix) {
        String start = prefix.toString(prefix.readerIndex(), 4, StandardCharsets.US_ASCII);
        return webSocket ? start.equals("GET ") : start.equals("API ") || start.equals("API2");
    }

    @Override
    public void install(ChannelPipeline pipeline) {
        if (webSocket) WebSocketBridge.install(pipeline, options.maxFrameBytes());
        installApi(pipeline);
    }

    @Override
    public void installBesideHttp(ChannelPipeline pipeline) {
        if (webSocket) return; // GET belongs to HTTP there: the TCP flavour takes the upgrades
        pipeline.addBefore(
                pipeline.lastContext().name(),
                "dolphindbUpgrade",
                new WebSocketUpgrade(
                        options.idleTimeout(), options.maxFrameBytes(), this::installApi));
    }

    private void installApi(ChannelPipeline pipeline) {
        ApiConnectionHandler handler = new ApiConnectionHandler(options.alias(), runner, executor);
        pipeline.addLast(
                        "dolphindbDecoder",
                        new RequestDecoder(
                                () ->
                                        handler.loggedIn()
                                                ? options.maxFrameBytes()
                                                : options.loginFrameBytes(),
                                options.frameTimeout()))
                .addLast("dolphindbHandler", handler);
    }
}
