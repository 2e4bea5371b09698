package io.dolphincluster.runtime.dolphindb.wire;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * DolphinDB's API over a WebSocket on an HTTP port (a controller's, where the JavaScript API
 * connects as to DolphinDB's controllers): sits in the HTTP pipeline before the routes and passes
 * every request on, except a {@code GET} asking to upgrade to a WebSocket (on any path), which
 * takes the connection: the handlers after it (the routes) are removed, the HTTP read timeout
 * becomes an idle-state handler (the API's own rule: only a connection that has not logged in is
 * closed when idle), the WebSocket framing and {@link WebSocketBridge} are added, then the API's
 * handlers, and the request is handed on for the handshake. From then on the connection is the
 * API's as on a data port; every other connection stays HTTP.
 */
public final class WebSocketUpgrade extends ChannelInboundHandlerAdapter {
    private final Duration idleTimeout;
    private final int maxMessageBytes;
    private final Consumer<ChannelPipeline> api;

    /**
     * @param api adds the API's handlers (request decoder, connection handler) at the end of the
     *     pipeline
     */
    public WebSocketUpgrade(
            Duration idleTimeout, int maxMessageBytes, Consumer<ChannelPipeline> api) {
        this.idleTimeout = idleTimeout;
        this.maxMessageBytes = maxMessageBytes;
        this.api = api;
    }

    /** Whether {@code request} asks to upgrade its connection to a WebSocket. */
    static boolean isUpgrade(FullHttpRequest request) {
        return request.decoderResult().isSuccess()
                && HttpMethod.GET.equals(request.method())
                && request.headers()
                        .containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
                && request.headers()
                        .containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || !isUpgrade(request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ChannelPipeline pipeline = ctx.pipeline();
        for (String after : handlersAfter(ctx)) pipeline.remove(after);
        IdleStateHandler idle =
                new IdleStateHandler(idleTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS);
        if (pipeline.get(ReadTimeoutHandler.class) != null)
            pipeline.replace(ReadTimeoutHandler.class, "dolphindbIdle", idle);
        else pipeline.addBefore(ctx.name(), "dolphindbIdle", idle);
        WebSocketBridge.installAfterHttp(pipeline, maxMessageBytes);
        api.accept(pipeline);
        ctx.fireChannelRead(
                request); // the WebSocket handler answers the handshake and replaces the HTTP codec
        pipeline.remove(this);
    }

    private static List<String> handlersAfter(ChannelHandlerContext ctx) {
        List<String> after = new ArrayList<>();
        boolean seen = false;
        for (Map.Entry<String, ?> handler : ctx.pipeline()) {
            if (seen) after.add(handler.getKey());
            seen |= handler.getKey().equals(ctx.name());
        }
        return after;
    }
}
