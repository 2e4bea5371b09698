package io.dolphincluster.runtime.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the memory request bodies take while they arrive, across all of a server's connections:
 * each request may buffer {@value #FREE_BYTES} bytes of body on its own (every route's usual
 * request, heartbeats included, fits), and beyond that draws on the server's shared {@link Pool}. A
 * body that finds the pool empty is refused with {@code 503} and its connection closed, so many
 * clients sending large bodies slowly cannot exhaust the heap: at most connections × {@value
 * #FREE_BYTES} plus the pool. Sits between the HTTP decoder and the aggregator; a request's share
 * goes back to the pool once its body is whole (the aggregator hands it on) or its connection
 * closes.
 */
final class BodyBudget extends ChannelInboundHandlerAdapter {
    static final int FREE_BYTES = 64 << 10;
    private static final Logger LOG = LoggerFactory.getLogger(BodyBudget.class);

    /** The bytes of bodies beyond their free share that a server buffers at once. */
    static final class Pool {
        static final long DEFAULT_BYTES = 64L << 20;
        private final AtomicLong available;
        private final AtomicLong refused = new AtomicLong();

        Pool(long bytes) {
            available = new AtomicLong(bytes);
        }

        boolean take(long bytes) {
            if (available.addAndGet(-bytes) >= 0) return true;
            available.addAndGet(bytes);
            refused.incrementAndGet();
            return false;
        }

        void give(long bytes) {
            available.addAndGet(bytes);
        }

        long available() {
            return available.get();
        }

        /** Bodies refused because the pool was empty. */
        long refused() {
            return refused.get();
        }
    }

    private final Pool pool;
    private long received;
    private long taken;
    private boolean refusing;

    BodyBudget(Pool pool) {
        this.pool = pool;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refusing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest) received = 0;
        if (msg instanceof HttpContent content) {
            received += content.content().readableBytes();
            long needed = received - FREE_BYTES - taken;
            if (needed > 0) {
                if (!pool.take(needed)) {
                    refuse(ctx, msg);
                    return;
                }
                taken += needed;
            }
            if (msg instanceof LastHttpContent) {
                ctx.fireChannelRead(msg);
                giveBack();
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void refuse(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
        refusing = true;
        giveBack();
        LOG.debug(
                "refusing a request body from {}: the server is buffering too many large bodies",
                ctx.channel().remoteAddress());
        Refusals.refuseAndClose(
                ctx,
                HttpResponseStatus.SERVICE_UNAVAILABLE,
                "the server is receiving too many large request bodies; try again");
    }

    private void giveBack() {
        pool.give(taken);
        taken = 0;
        received = 0;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        giveBack();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        giveBack();
    }
}
