package io.dolphincluster.runtime.net;

import io.dolphincluster.runtime.LogThrottle;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ForeignProtocol} with the data port's login limits added: a connection must log in
 * within the login timeout ({@link LoginDeadline}), and at most {@code maxPendingLogins}
 * connections may be waiting to (one more is closed as soon as its protocol is chosen, and
 * counted). Its frame limit before login and its connection cap are the wrapped protocol's and the
 * port's. Used for DolphinDB's protocol on a controller's HTTP port and on a datanode's data port
 * (there its two flavours, TCP and WebSocket, share one budget: {@link #sharingOneBudget}).
 */
public final class LoginLimitedProtocol implements ForeignProtocol {
    private static final Logger LOG = LoggerFactory.getLogger(LoginLimitedProtocol.class);

    private final String alias;
    private final ForeignProtocol protocol;
    private final Class<? extends ChannelHandler> sessionHandler;
    private final Function<ChannelHandler, BooleanSupplier> loggedIn;
    private final Duration loginTimeout;
    private final int maxPendingLogins;
    private final Budget budget;
    private final AtomicLong refusedHere = new AtomicLong();

    /**
     * @param sessionHandler the class of the protocol's handler that knows whether its connection
     *     logged in; the deadline goes right before it
     * @param loggedIn that handler's login state
     */
    public <H extends ChannelHandler> LoginLimitedProtocol(
            String alias,
            ForeignProtocol protocol,
            Class<H> sessionHandler,
            Function<H, BooleanSupplier> loggedIn,
            Duration loginTimeout,
            int maxPendingLogins) {
        this(
                alias,
                protocol,
                sessionHandler,
                loggedIn,
                loginTimeout,
                maxPendingLogins,
                new Budget());
    }

    private <H extends ChannelHandler> LoginLimitedProtocol(
            String alias,
            ForeignProtocol protocol,
            Class<H> sessionHandler,
            Function<H, BooleanSupplier> loggedIn,
            Duration loginTimeout,
            int maxPendingLogins,
            Budget budget) {
        this.alias = alias;
        this.protocol = protocol;
        this.sessionHandler = sessionHandler;
        this.loggedIn = handler -> loggedIn.apply(sessionHandler.cast(handler));
        this.loginTimeout = loginTimeout;
        this.maxPendingLogins = maxPendingLogins;
        this.budget = budget;
    }

    /**
     * Flavours of one protocol (the same session handler), each with the login deadline, counted
     * together against one {@code maxPendingLogins}.
     */
    public static <H extends ChannelHandler> List<ForeignProtocol> sharingOneBudget(
            String alias,
            List<ForeignProtocol> flavours,
            Class<H> sessionHandler,
            Function<H, BooleanSupplier> loggedIn,
            Duration loginTimeout,
            int maxPendingLogins) {
        Budget shared = new Budget();
        return flavours.stream()
                .<ForeignProtocol>map(
                        flavour ->
                                new LoginLimitedProtocol(
                                        alias,
                                        flavour,
                                        sessionHandler,
                                        loggedIn,
                                        loginTimeout,
                                        maxPendingLogins,
                                        shared))
                .toList();
    }

    @Override
    public boolean matches(ByteBuf prefix) {
        return protocol.matches(prefix);
    }

    @Override
    public void install(ChannelPipeline pipeline) {
        if (budget.pending.incrementAndGet() > maxPendingLogins) {
            budget.pending.decrementAndGet();
            refusedHere.incrementAndGet();
            warn(pipeline, budget.refused.incrementAndGet());
            pipeline.addLast(
                    new Discard()); // the bytes read so far go nowhere: no request of it runs
            pipeline.channel().close();
            return;
        }
        protocol.install(pipeline);
        AtomicBoolean released = new AtomicBoolean();
        Runnable release =
                () -> {
                    if (released.compareAndSet(false, true)) budget.pending.decrementAndGet();
                };
        String before = pipeline.context(sessionHandler).name();
        pipeline.addBefore(
                before,
                "loginDeadline",
                new LoginDeadline(
                        alias,
                        loginTimeout,
                        loggedIn.apply(pipeline.get(sessionHandler)),
                        release));
    }

    /**
     * A WebSocket upgrade on the HTTP port keeps the wrapped protocol's own idle rule for
     * connections not logged in.
     */
    @Override
    public void installBesideHttp(ChannelPipeline pipeline) {
        protocol.installBesideHttp(pipeline);
    }

    private void warn(ChannelPipeline pipeline, long total) {
        if (budget.warnings.due()) {
            LOG.warn(
                    "[{}] {} connections are waiting to log in, the limit: closing new ones (from {} and maybe others; {} "
                            + "refused so far)",
                    alias,
                    maxPendingLogins,
                    pipeline.channel().remoteAddress(),
                    total);
        }
    }

    /** Drops what a refused connection sent. */
    private static final class Discard extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * Connections whose protocol was chosen and that have not logged in yet (of every flavour
     * sharing the budget).
     */
    public int waitingToLogIn() {
        return budget.pending.get();
    }

    /**
     * Connections of this flavour closed at once because {@code maxPendingLogins} were waiting;
     * flavours sharing a budget count their own, so the port may add them up.
     */
    @Override
    public long refusedLogins() {
        return refusedHere.get();
    }

    /** The pending-login count, refusals and their log gate: one per protocol, or shared. */
    private static final class Budget {
        final AtomicInteger pending = new AtomicInteger();
        final AtomicLong refused = new AtomicLong();
        final LogThrottle warnings = LogThrottle.everyTenSeconds();
    }
}
