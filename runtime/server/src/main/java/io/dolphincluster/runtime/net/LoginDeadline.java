package io.dolphincluster.runtime.net;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection of a protocol with its own login ({@link LoginLimitedProtocol}) must have logged in
 * within the login timeout of the protocol being chosen, or it is closed; until then it holds one
 * of the port's pending-login slots. Sits before the protocol's connection handler, so it sees each
 * reply go out: the first one written once {@code loggedIn} holds (the login's own reply) frees the
 * slot and stops the clock, and the handler leaves the pipeline.
 */
final class LoginDeadline extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LoginDeadline.class);

    private final String alias;
    private final Duration timeout;
    private final BooleanSupplier loggedIn;
    private final Runnable releaseSlot;
    private ScheduledFuture<?> timer;
    private boolean released;

    /**
     * @param releaseSlot called once, when the connection logs in or closes
     */
    LoginDeadline(String alias, Duration timeout, BooleanSupplier loggedIn, Runnable releaseSlot) {
        this.alias = alias;
        this.timeout = timeout;
        this.loggedIn = loggedIn;
        this.releaseSlot = releaseSlot;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timer =
                ctx.executor()
                        .schedule(
                                () -> {
                                    if (loggedIn.getAsBoolean()) return;
                                    LOG.debug(
                                            "[{}] closing {}: no login within {} ms",
                                            alias,
                                            ctx.channel().remoteAddress(),
                                            timeout.toMillis());
                                    ctx.close();
                                },
                                timeout.toMillis(),
                                TimeUnit.MILLISECONDS);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg, promise);
        if (loggedIn.getAsBoolean()) {
            release();
            ctx.pipeline().remove(this);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        release();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timer != null) timer.cancel(false);
    }

    private void release() {
        if (timer != null) timer.cancel(false);
        if (!released) {
            released = true;
            releaseSlot.run();
        }
    }
}
