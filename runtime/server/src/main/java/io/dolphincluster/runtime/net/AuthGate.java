package io.dolphincluster.runtime.net;

import io.dolphincluster.protocol.wire.Envelope;
import io.dolphincluster.protocol.wire.ErrorCode;
import io.dolphincluster.protocol.wire.ErrorReply;
import io.dolphincluster.protocol.wire.Login;
import io.dolphincluster.protocol.wire.LoginOk;
import io.dolphincluster.protocol.wire.WirePipeline;
import io.dolphincluster.runtime.LogText;
import io.dolphincluster.runtime.auth.Authenticator;
import io.dolphincluster.runtime.auth.Principal;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets requests through only after a successful {@link Login}, which must be the connection's first
 * message. Anything else first, or a wrong password, is answered with an {@link ErrorReply} and
 * closes the connection. Passwords are checked off the I/O thread (hashing is slow); reading pauses
 * meanwhile, and requests pipelined behind the login wait (at most {@value #MAX_HELD}). After login
 * the frame limit is raised from the login limit to the full one. A connection holds one of the
 * server's pending-login slots until it logs in or closes; one that has not logged in within the
 * login timeout is refused ({@code LOGIN_REQUIRED}) and closed.
 */
final class AuthGate extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(AuthGate.class);
    private static final int MAX_HELD = 64;

    private enum Phase {
        WAITING,
        CHECKING,
        OPEN
    }

    private final String alias;
    private final Authenticator authenticator;
    private final Executor authExecutor;
    private final int maxFrameBytes;
    private final Duration loginTimeout;
    private final Runnable releasePendingSlot;
    private final Queue<Envelope> held = new ArrayDeque<>();
    private Phase phase = Phase.WAITING;
    private boolean slotReleased;
    private ScheduledFuture<?> deadline;

    /**
     * @param releasePendingSlot called once, when the connection logs in or closes, to free its
     *     pending-login slot
     */
    AuthGate(
            String alias,
            Authenticator authenticator,
            Executor authExecutor,
            int maxFrameBytes,
            Duration loginTimeout,
            Runnable releasePendingSlot) {
        this.alias = alias;
        this.authenticator = authenticator;
        this.authExecutor = authExecutor;
        this.maxFrameBytes = maxFrameBytes;
        this.loginTimeout = loginTimeout;
        this.releasePendingSlot = releasePendingSlot;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        deadline =
                ctx.executor()
                        .schedule(
                                () -> {
                                    if (phase != Phase.OPEN) {
                                        LOG.debug(
                                                "[{}] closing {}: no login within {} ms",
                                                alias,
                                                ctx.channel().remoteAddress(),
                                                loginTimeout.toMillis());
                                        refuse(
                                                ctx,
                                                0,
                                                ErrorCode.LOGIN_REQUIRED,
                                                "no login within "
                                                        + loginTimeout.toMillis()
                                                        + " ms",
                                                false);
                                    }
                                },
                                loginTimeout.toMillis(),
                                TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (deadline != null) deadline.cancel(false);
        releaseSlot();
        ctx.fireChannelInactive();
    }

    private void releaseSlot() {
        if (!slotReleased) {
            slotReleased = true;
            releasePendingSlot.run();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Envelope envelope = (Envelope) msg;
        if (ConnectionState.of(ctx.channel()).closing.get()) return;
        if (phase == Phase.OPEN) {
            if (envelope.message() instanceof Login) {
                ctx.channel()
                        .writeAndFlush(
                                new Envelope(
                                        envelope.requestId(),
                                        new ErrorReply(
                                                ErrorCode.BAD_REQUEST,
                                                "already logged in",
                                                false)));
            } else {
                ctx.fireChannelRead(envelope);
            }
        } else if (phase == Phase.CHECKING) {
            if (held.size() >= MAX_HELD) {
                refuse(
                        ctx,
                        envelope.requestId(),
                        ErrorCode.PROTOCOL,
                        "too many requests before the login was answered",
                        false);
            } else {
                held.add(envelope);
            }
        } else if (envelope.message() instanceof Login) {
            startCheck(ctx, envelope.requestId(), (Login) envelope.message());
        } else {
            refuse(
                    ctx,
                    envelope.requestId(),
                    ErrorCode.LOGIN_REQUIRED,
                    "the first message must be Login, got " + envelope.message().type(),
                    false);
        }
    }

    private void startCheck(ChannelHandlerContext ctx, long requestId, Login login) {
        phase = Phase.CHECKING;
        ctx.channel().config().setAutoRead(false);
        try {
            authExecutor.execute(
                    () -> {
                        Principal principal = check(login);
                        ctx.executor()
                                .execute(
                                        () -> finishCheck(ctx, requestId, login.user(), principal));
                    });
        } catch (RejectedExecutionException e) {
            refuse(
                    ctx,
                    requestId,
                    ErrorCode.UNAVAILABLE,
                    "the server is busy checking other logins; try again",
                    true);
        }
    }

    /** Who logged in, or null when refused. */
    private Principal check(Login login) {
        try {
            return authenticator.login(login.user(), login.password()).orElse(null);
        } catch (RuntimeException e) {
            LOG.warn(
                    "[{}] the authenticator failed for user {}",
                    alias,
                    LogText.of(login.user()),
                    e);
            return null;
        }
    }

    private void finishCheck(
            ChannelHandlerContext ctx, long requestId, String user, Principal principal) {
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        if (principal == null) {
            LOG.info(
                    "[{}] login refused for user {} from {}",
                    alias,
                    LogText.of(user),
                    format(remote));
            refuse(ctx, requestId, ErrorCode.AUTH, "wrong user name or password", false);
            return;
        }
        if (!ctx.channel().isActive() || remote == null) return;
        ConnectionState.of(ctx.channel()).session = new Session(user, remote, principal);
        LOG.debug(
                "[{}] {} logged in from {}",
                alias,
                LogText.of(principal.describe()),
                format(remote));
        WirePipeline.frameDecoder(ctx.pipeline()).setMaxFrameBytes(maxFrameBytes);
        phase = Phase.OPEN;
        if (deadline != null) deadline.cancel(false);
        releaseSlot();
        ctx.channel().writeAndFlush(new Envelope(requestId, new LoginOk()));
        while (!held.isEmpty()) ctx.fireChannelRead(held.poll());
        ctx.channel().config().setAutoRead(true);
    }

    private void refuse(
            ChannelHandlerContext ctx,
            long requestId,
            String code,
            String message,
            boolean retryable) {
        held.clear();
        Refusal.refuseAndClose(ctx.channel(), requestId, new ErrorReply(code, message, retryable));
    }

    static String format(InetSocketAddress address) {
        return address == null
                ? "?"
                : address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
