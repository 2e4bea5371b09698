package io.dolphincluster.runtime.net;

import io.dolphincluster.protocol.wire.ErrorCode;
import io.dolphincluster.protocol.wire.ErrorReply;
import io.dolphincluster.protocol.wire.WireFormatException;
import io.dolphincluster.runtime.AsyncFailure;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of every server connection: a protocol violation (bad or oversized frame) is
 * answered with {@code ErrorReply{PROTOCOL}} and the connection closed; a connection idle with no
 * request in flight is closed; any other failure closes the connection. Only that connection is
 * affected.
 */
@ChannelHandler.Sharable
final class ConnectionGuard extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    private final String alias;

    ConnectionGuard(String alias) {
        this.alias = alias;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        WireFormatException bad = AsyncFailure.find(cause, WireFormatException.class);
        if (bad != null) {
            LOG.debug(
                    "[{}] closing {}: {}", alias, ctx.channel().remoteAddress(), bad.getMessage());
            Refusal.refuseAndClose(
                    ctx.channel(), 0, new ErrorReply(ErrorCode.PROTOCOL, bad.getMessage(), false));
        } else if (AsyncFailure.find(cause, IOException.class) != null) {
            LOG.debug(
                    "[{}] connection from {} failed: {}",
                    alias,
                    ctx.channel().remoteAddress(),
                    cause.toString());
            ctx.close();
        } else {
            LOG.warn(
                    "[{}] closing the connection from {} after an unexpected failure",
                    alias,
                    ctx.channel().remoteAddress(),
                    cause);
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent
                && ConnectionState.of(ctx.channel()).inFlight.get() == 0) {
            LOG.debug("[{}] closing idle connection from {}", alias, ctx.channel().remoteAddress());
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        io.netty.util.ReferenceCountUtil.release(msg); // nothing should get here; never leak it
    }
}
