package io.dolphincluster.runtime.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the responses one connection may have waiting to be sent: a client that pipelines requests
 * and does not read the answers (a slow reader) would otherwise make the server queue them all in
 * memory. A request that arrives while {@value #MAX_PENDING} responses of its connection are not
 * yet handed to the network is refused with {@code 503} and the connection closed. Sits right
 * before the dispatcher: it sees each request go in and each response go out.
 */
final class PipelineLimit extends ChannelDuplexHandler {
    static final int MAX_PENDING = 16;
    private static final Logger LOG = LoggerFactory.getLogger(PipelineLimit.class);

    private int pending;
    private boolean refused;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof FullHttpRequest && pending >= MAX_PENDING) {
            ReferenceCountUtil.release(msg);
            refused = true;
            LOG.debug(
                    "closing {}: {} responses not yet read by the client",
                    ctx.channel().remoteAddress(),
                    pending);
            Refusals.refuseAndClose(
                    ctx,
                    HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "more than " + MAX_PENDING + " requests sent before their answers were read");
            return;
        }
        if (msg instanceof FullHttpRequest) pending++;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse) {
            ctx.write(msg, promise.unvoid()).addListener(f -> pending--);
            return;
        }
        ctx.write(msg, promise);
    }
}
