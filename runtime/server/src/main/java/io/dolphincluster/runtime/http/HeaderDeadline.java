package io.dolphincluster.runtime.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request's line and headers must arrive whole within the deadline of the connection opening (for
 * its first request) or of the first bytes of the next one (a keep-alive connection may stay idle
 * between requests; the idle timeout ends that): against clients that hold connections by trickling
 * headers (slowloris). Sits right after the HTTP decoder: it sees a request's head once it is
 * complete, and a read that decoded nothing while no request was under way means the next head has
 * begun. Late: {@code 408}, the connection closed and counted. A body is bounded by the size limit
 * and the idle timeout, not by this.
 */
final class HeaderDeadline extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadline.class);

    private final Duration deadline;
    private final AtomicLong expired;
    private boolean inRequest;
    private boolean decodedThisRead;
    private ScheduledFuture<?> timer;

    /**
     * @param expired counts the connections closed by a deadline (shared by the server's
     *     connections)
     */
    HeaderDeadline(Duration deadline, AtomicLong expired) {
        this.deadline = deadline;
        this.expired = expired;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) start(ctx);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        decodedThisRead = true;
        if (msg instanceof HttpRequest) {
            inRequest = true;
            cancel();
        }
        if (msg instanceof LastHttpContent) inRequest = false;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!decodedThisRead && !inRequest) start(ctx);
        decodedThisRead = false;
        ctx.fireChannelReadComplete();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void start(ChannelHandlerContext ctx) {
        if (timer != null) return;
        timer =
                ctx.executor()
                        .schedule(() -> expire(ctx), deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancel() {
        if (timer != null) timer.cancel(false);
        timer = null;
    }

    private void expire(ChannelHandlerContext ctx) {
        timer = null;
        if (!ctx.channel().isActive()) return;
        expired.incrementAndGet();
        LOG.debug(
                "closing {}: no complete request headers within {} ms",
                ctx.channel().remoteAddress(),
                deadline.toMillis());
        Refusals.refuseAndClose(
                ctx,
                HttpResponseStatus.REQUEST_TIMEOUT,
                "the request's headers did not arrive within " + deadline.toMillis() + " ms");
    }
}
