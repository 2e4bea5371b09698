package io.dolphincluster.runtime.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of a connection to a port that serves several protocols (a {@link
 * DataServer}'s, or an {@code HttpApiServer}'s given foreign protocols), after an idle-state
 * handler: waits for its first {@value #PREFIX_BYTES} bytes, then installs the pipeline of the
 * protocol they belong to (a {@link ForeignProtocol} that matches, else the port's own) and removes
 * itself, handing on the bytes read so far. A connection idle, or silent beyond its deadline,
 * before that is closed.
 */
public final class ProtocolSniffer extends ByteToMessageDecoder {
    public static final int PREFIX_BYTES = 4;
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolSniffer.class);

    private final List<ForeignProtocol> foreign;
    private final Consumer<ChannelPipeline> own;
    private final Runnable foreignChosen;
    private final Duration deadline;
    private ScheduledFuture<?> deadlineTimer;

    /**
     * @param own adds the port's own protocol at the end of the pipeline
     * @param foreignChosen called when a foreign protocol takes the connection
     * @param deadline a connection that has not sent its first bytes by then is closed (on a data
     *     port the login timeout: the project's own protocol enforces it only once it is chosen)
     */
    public ProtocolSniffer(
            List<ForeignProtocol> foreign,
            Consumer<ChannelPipeline> own,
            Runnable foreignChosen,
            Duration deadline) {
        this.foreign = foreign;
        this.own = own;
        this.foreignChosen = foreignChosen;
        this.deadline = deadline;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadlineTimer =
                ctx.executor()
                        .schedule(
                                () -> {
                                    LOG.debug(
                                            "closing {}: no request within {} ms",
                                            ctx.channel().remoteAddress(),
                                            deadline.toMillis());
                                    ctx.close();
                                },
                                deadline.toMillis(),
                                TimeUnit.MILLISECONDS);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (deadlineTimer != null) deadlineTimer.cancel(false);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < PREFIX_BYTES) return;
        ChannelPipeline pipeline = ctx.pipeline();
        ForeignProtocol chosen =
                foreign.stream().filter(p -> p.matches(in)).findFirst().orElse(null);
        if (chosen != null) {
            chosen.install(pipeline);
            foreignChosen.run();
        } else {
            own.accept(pipeline);
        }
        pipeline.remove(this); // hands the bytes read so far to the installed handlers
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug(
                "closing {} before its protocol was known: {}",
                ctx.channel().remoteAddress(),
                cause.toString());
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            LOG.debug("closing {}: idle before sending a request", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }
}
