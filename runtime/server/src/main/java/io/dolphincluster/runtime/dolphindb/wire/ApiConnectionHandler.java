package io.dolphincluster.runtime.dolphindb.wire;

import io.dolphincluster.runtime.AsyncFailure;
import io.dolphincluster.runtime.dolphindb.codec.MalformedObjectException;
import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one DolphinDB API connection: runs its requests one at a time on the request executor
 * (reading pauses meanwhile) and writes each reply, except for asynchronous requests, whose clients
 * read none. A request that fails is answered with its one-line error and the connection stays
 * open. A malformed request is answered with an error and closes the connection (the stream cannot
 * be resynchronized), as does an idle connection whose session has not logged in; a logged-in
 * session may stay idle (clients keep pooled connections for long).
 */
public final class ApiConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ApiConnectionHandler.class);
    static final int MAX_QUEUED = 16;

    private final String alias;
    private final ApiRequestRunner runner;
    private final Executor executor;
    private final Queue<ApiRequest> queued = new ArrayDeque<>();
    private ApiSession session;
    private boolean running;
    private boolean closing;

    public ApiConnectionHandler(String alias, ApiRequestRunner runner, Executor executor) {
        this.alias = alias;
        this.runner = runner;
        this.executor = executor;
    }

    /** The session, created with the connection's first request. */
    public ApiSession session(ChannelHandlerContext ctx) {
        if (session == null) session = new ApiSession(ctx.channel().remoteAddress());
        return session;
    }

    /** Whether the connection's session has logged in (its requests may then be large). */
    public boolean loggedIn() {
        ApiSession current = session;
        return current != null && current.loggedIn();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) return;
        ApiRequest request = (ApiRequest) msg;
        if (queued.size() >= MAX_QUEUED) {
            refuse(ctx, "Too many requests sent before their replies were read");
            return;
        }
        queued.add(request);
        runNext(ctx);
    }

    private void runNext(ChannelHandlerContext ctx) {
        if (running || closing || queued.isEmpty()) return;
        ApiRequest request = queued.poll();
        ApiSession current = session(ctx);
        running = true;
        ctx.channel().config().setAutoRead(false);
        try {
            executor.execute(
                    () -> {
                        Entity result = null;
                        Throwable failure = null;
                        try {
                            result = runner.run(current, request);
                        } catch (Throwable e) {
                            failure = e;
                        }
                        Entity done = result;
                        Throwable failed = failure;
                        ctx.executor().execute(() -> finish(ctx, current, request, done, failed));
                    });
        } catch (RejectedExecutionException e) {
            running = false;
            if (!request.async())
                ctx.writeAndFlush(
                        Replies.error(
                                ctx.alloc(),
                                current.id(),
                                Replies.NOT_AVAILABLE + " the server is busy; try again"));
            ctx.channel().config().setAutoRead(true);
            runNext(ctx);
        }
    }

    private void finish(
            ChannelHandlerContext ctx,
            ApiSession current,
            ApiRequest request,
            Entity result,
            Throwable failure) {
        running = false;
        if (closing || !ctx.channel().isActive()) return;
        if (!request.async()) {
            ByteBuf reply;
            if (failure == null) {
                try {
                    reply = Replies.ok(ctx.alloc(), current.id(), result);
                } catch (RuntimeException e) {
                    reply =
                            Replies.error(
                                    ctx.alloc(),
                                    current.id(),
                                    "Cannot send the result: " + e.getMessage());
                }
            } else {
                String message = runner.errorMessage(failure);
                if (message.startsWith(Replies.NOT_AVAILABLE))
                    LOG.info(
                            "[{}] {} failed, the client may retry elsewhere: {}",
                            alias,
                            request.summary(),
                            message);
                else LOG.debug("[{}] {} failed: {}", alias, request.summary(), failure.toString());
                reply = Replies.error(ctx.alloc(), current.id(), message);
            }
            ctx.writeAndFlush(reply);
        }
        ctx.channel().config().setAutoRead(true);
        runNext(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable bad = AsyncFailure.find(cause, MalformedRequestException.class);
        if (bad == null) bad = AsyncFailure.find(cause, MalformedObjectException.class);
        if (bad != null) {
            LOG.info(
                    "[{}] closing the DolphinDB API connection from {}: {}",
                    alias,
                    ctx.channel().remoteAddress(),
                    bad.getMessage());
            refuse(ctx, bad.getMessage());
        } else if (AsyncFailure.find(cause, IOException.class) != null) {
            LOG.debug(
                    "[{}] DolphinDB API connection from {} failed: {}",
                    alias,
                    ctx.channel().remoteAddress(),
                    cause.toString());
            ctx.close();
        } else {
            LOG.warn(
                    "[{}] closing the DolphinDB API connection from {} after an unexpected failure",
                    alias,
                    ctx.channel().remoteAddress(),
                    cause);
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            if (!running && (session == null || !session.loggedIn())) {
                LOG.debug(
                        "[{}] closing idle DolphinDB API connection from {}",
                        alias,
                        ctx.channel().remoteAddress());
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    private void refuse(ChannelHandlerContext ctx, String message) {
        if (closing) return;
        closing = true;
        queued.clear();
        String sessionId = session == null ? "0" : session.id();
        ctx.writeAndFlush(Replies.error(ctx.alloc(), sessionId, message))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
