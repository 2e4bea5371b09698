package io.dolphincluster.runtime.dolphindb.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;

/**
 * DolphinDB's API over a WebSocket (the JavaScript API's transport): after the HTTP upgrade on any
 * path, each binary message carries request bytes exactly as on a plain connection, and each reply
 * goes back as one binary message. A plain HTTP request that is not an upgrade gets {@code 400} and
 * is closed.
 */
public final class WebSocketBridge extends ChannelDuplexHandler {
    static final int MAX_HTTP_BYTES = 64 << 10;

    /**
     * Adds the HTTP upgrade, the WebSocket framing and this bridge at the end of {@code pipeline}.
     */
    public static void install(ChannelPipeline pipeline, int maxMessageBytes) {
        pipeline.addLast("http", new HttpServerCodec())
                .addLast("httpAggregator", new HttpObjectAggregator(MAX_HTTP_BYTES));
        installAfterHttp(pipeline, maxMessageBytes);
    }

    /**
     * Adds the WebSocket framing and this bridge at the end of {@code pipeline}, which already
     * decodes HTTP into full requests (the upgrade request must come next).
     */
    public static void installAfterHttp(ChannelPipeline pipeline, int maxMessageBytes) {
        pipeline.addLast(
                        "websocket",
                        new WebSocketServerProtocolHandler(
                                WebSocketServerProtocolConfig.newBuilder()
                                        .websocketPath("/")
                                        .checkStartsWith(true)
                                        .maxFramePayloadLength(maxMessageBytes)
                                        .allowExtensions(false)
                                        .build()))
                .addLast("websocketAggregator", new WebSocketFrameAggregator(maxMessageBytes))
                .addLast("websocketBridge", new WebSocketBridge());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof BinaryWebSocketFrame frame) {
            ctx.fireChannelRead(frame.content());
        } else if (msg instanceof FullHttpRequest) {
            ReferenceCountUtil.release(msg);
            ctx.writeAndFlush(
                            new DefaultFullHttpResponse(
                                    HttpVersion.HTTP_1_1,
                                    HttpResponseStatus.BAD_REQUEST,
                                    Unpooled.EMPTY_BUFFER))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            ReferenceCountUtil.release(msg); // text frames carry nothing for this API
            if (msg instanceof WebSocketFrame) ctx.close();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg instanceof ByteBuf bytes ? new BinaryWebSocketFrame(bytes) : msg, promise);
    }
}
