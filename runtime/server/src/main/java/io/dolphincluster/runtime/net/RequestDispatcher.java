package io.dolphincluster.runtime.net;

import io.dolphincluster.protocol.wire.Envelope;
import io.dolphincluster.protocol.wire.ErrorCode;
import io.dolphincluster.protocol.wire.ErrorReply;
import io.dolphincluster.protocol.wire.FrameTooLargeException;
import io.dolphincluster.protocol.wire.Message;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each authenticated request to the {@link RequestHandler} and writes its answer with the
 * request's id. A failed request becomes an {@link ErrorReply} answer; the connection stays open.
 */
@ChannelHandler.Sharable
final class RequestDispatcher extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    private final String alias;
    private final RequestHandler handler;

    RequestDispatcher(String alias, RequestHandler handler) {
        this.alias = alias;
        this.handler = handler;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Envelope request = (Envelope) msg;
        Channel channel = ctx.channel();
        ConnectionState state = ConnectionState.of(channel);
        state.inFlight.incrementAndGet();
        CompletableFuture<? extends Message> answer;
        try {
            answer = handler.handle(state.session, request.message());
            if (answer == null)
                throw new IllegalStateException("the request handler returned no future");
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete(
                (reply, failure) -> {
                    Message message =
                            failure != null
                                    ? toError(request, failure)
                                    : reply != null
                                            ? reply
                                            : new ErrorReply(
                                                    ErrorCode.INTERNAL,
                                                    "the server produced no answer",
                                                    false);
                    send(channel, state, request.requestId(), message);
                });
    }

    /**
     * The request stays in flight until its answer is written, so the idle check cannot close the
     * connection before.
     */
    private void send(Channel channel, ConnectionState state, long requestId, Message message) {
        channel.writeAndFlush(new Envelope(requestId, message))
                .addListener(
                        written -> {
                            state.inFlight.decrementAndGet();
                            if (!written.isSuccess()
                                    && written.cause()
                                            instanceof io.netty.handler.codec.EncoderException
                                    && written.cause().getCause()
                                            instanceof FrameTooLargeException) {
                                channel.writeAndFlush(
                                        new Envelope(
                                                requestId,
                                                new ErrorReply(
                                                        ErrorCode.BAD_REQUEST,
                                                        "the answer is too large to send: "
                                                                + written.cause()
                                                                        .getCause()
                                                                        .getMessage(),
                                                        false)));
                            }
                        });
    }

    private ErrorReply toError(Envelope request, Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RequestException) return ((RequestException) cause).toError();
        LOG.warn("[{}] {} failed", alias, request.message().type(), cause);
        return new ErrorReply(ErrorCode.INTERNAL, String.valueOf(cause), false);
    }
}
