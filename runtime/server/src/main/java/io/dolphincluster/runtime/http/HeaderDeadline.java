package io.dolphincluster.runtime.http;

import io.netty.buffer.ByteBuf;
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
 * complete; its {@link #arrivals()} sit right before the decoder and see the bytes: a read that
 * brought bytes but decoded nothing while no request was under way means the next head has begun.
 * (A read event alone is not enough: over TLS, records without data, such as a key update, are
 * reads too; each started a deadline that cut an idle keep-alive connection with a {@code 408}.)
 * Late: {@code 408}, the connection closed and counted. A body is bounded by the size limit and the
 * idle timeout, not by this.
 */
final class HeaderDeadline extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadline.class);

    private final Duration deadline;
    private final AtomicLong expired;
    private boolean inRequest;
    private boolean decodedThisRead;
    private boolean bytesThisRead;
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
        if (bytesThisRead && !decodedThisRead && !inRequest) start(ctx);
        bytesThisRead = false;
        decodedThisRead = false;
        ctx.fireChannelReadComplete();
    }

    /** The handler to put right before the HTTP decoder: notes the reads that brought bytes. */
    ChannelInboundHandlerAdapter arrivals() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof ByteBuf bytes && bytes.isReadable()) bytesThisRead = true;
                ctx.fireChannelRead(msg);
            }
        };
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
