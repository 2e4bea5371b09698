package io.dolphincluster.runtime.tls;

import io.dolphincluster.runtime.LogThrottle;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Right after a server's {@code SslHandler}: a connection whose handshake fails (plain text on a
 * TLS port, an untrusted client) is closed at once, with one log line saying why; at most one line
 * every 10 s per process ({@code refusals} is its {@link ClusterTls}'s), so a flood of them does
 * not flood the log.
 */
final class TlsRefusals extends ChannelInboundHandlerAdapter {
    static final String NAME = "tlsRefusals";
    private static final Logger LOG = LoggerFactory.getLogger(TlsRefusals.class);

    private final String alias;
    private final LogThrottle refusals;

    TlsRefusals(String alias, LogThrottle refusals) {
        this.alias = alias;
        this.refusals = refusals;
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
        Throwable root =
                cause instanceof DecoderException && cause.getCause() != null
                        ? cause.getCause()
                        : cause;
        if (root instanceof SSLException) {
            refuse(ctx, root);
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }

    private void refuse(ChannelHandlerContext ctx, Throwable cause) {
        if (!ctx.channel().isOpen()) return;
        if (refusals.due()) {
            String why =
                    cause instanceof NotSslRecordException
                            ? "it is not TLS (plain text to a port with enableHTTPS=true?)"
                            : "the TLS handshake failed: " + cause.getMessage();
            LOG.warn(
                    "[{}] closed a connection from {}: {}",
                    alias,
                    ctx.channel().remoteAddress(),
                    why);
        }
        ctx.close();
    }
}
