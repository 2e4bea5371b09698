package io.dolphincluster.runtime.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Right after a server's {@code SslHandler}: a connection whose handshake fails (plain text on a TLS port, an untrusted
 * client) is closed at once, with one log line saying why; at most one line every 10 s per process ({@code lastLog} is
 * its {@link ClusterTls}'s), so a flood of them does not flood the log.
 */
final class TlsRefusals extends ChannelInboundHandlerAdapter {
    static final String NAME = "tlsRefusals";
    private static final Logger LOG = LoggerFactory.getLogger(TlsRefusals.class);

    private final String alias;
    private final AtomicLong lastLog;

    TlsRefusals(String alias, AtomicLong lastLog) {
        this.alias = alias;
        this.lastLog = lastLog;
    }

    /** A clock for {@code lastLog} that allows a line at once. */
    static AtomicLong newLogClock() {
        return new AtomicLong(System.nanoTime() - TimeUnit.MINUTES.toNanos(1));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent done) {
            if (!done.isSuccess()) {
                refuse(ctx, done.cause());
                return;
            }
            ctx.pipeline().remove(this);
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof SSLException) {
            refuse(ctx, root);
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }

    private void refuse(ChannelHandlerContext ctx, Throwable cause) {
        if (!ctx.channel().isOpen()) return;
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last > TimeUnit.SECONDS.toNanos(10) && lastLog.compareAndSet(last, now)) {
            String why = cause instanceof NotSslRecordException
                    ? "it is not TLS (plain text to a port with enableHTTPS=true?)"
                    : "the TLS handshake failed: " + cause.getMessage();
            LOG.warn("[{}] closed a connection from {}: {}", alias, ctx.channel().remoteAddress(), why);
        }
        ctx.close();
    }
}
