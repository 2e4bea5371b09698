package io.dolphincluster.runtime.net;

import io.dolphincluster.runtime.LogThrottle;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the connections a server port holds open at once: the first handler of every accepted
 * connection (shared by all of them). A connection that would be one more than {@code max} is
 * closed as soon as it opens, before any byte is read, and counted ({@link #refused()}); a warning
 * is logged at most every 10 s, so a flood of connections does not flood the log too.
 */
@ChannelHandler.Sharable
public final class ConnectionCap extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionCap.class);

    private final String alias;
    private final String port;
    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final LogThrottle warnings = LogThrottle.everyTenSeconds();

    /**
     * @param port what the port serves, for the log ("HTTP")
     */
    public ConnectionCap(String alias, String port, int max) {
        if (max < 1) throw new IllegalArgumentException("max must be >= 1");
        this.alias = alias;
        this.port = port;
        this.max = max;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            long total = refused.incrementAndGet();
            warn(ctx, total);
            ctx.close();
            return;
        }
        ctx.channel().closeFuture().addListener(f -> open.decrementAndGet());
        ctx.fireChannelActive();
    }

    private void warn(ChannelHandlerContext ctx, long total) {
        if (warnings.due()) {
            LOG.warn(
                    "[{}] {} port full ({} connections open, the limit): closing new connections (from {} and maybe others; "
                            + "{} refused so far)",
                    alias,
                    port,
                    max,
                    ctx.channel().remoteAddress(),
                    total);
        }
    }

    /** Connections open now. */
    public int open() {
        return open.get();
    }

    /** Connections closed at once because the port was full, since the server started. */
    public long refused() {
        return refused.get();
    }
}
