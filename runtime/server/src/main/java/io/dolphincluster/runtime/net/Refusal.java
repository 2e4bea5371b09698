package io.dolphincluster.runtime.net;

import io.dolphincluster.protocol.wire.Envelope;
import io.dolphincluster.protocol.wire.ErrorReply;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/**
 * Ends a connection the server no longer trusts: one {@link ErrorReply} frame if the channel can
 * still take it, then close.
 */
final class Refusal {
    private Refusal() {}

    /**
     * Sends {@code error} as the answer to {@code requestId} and closes; only the first call per
     * connection does anything.
     */
    static void refuseAndClose(Channel channel, long requestId, ErrorReply error) {
        if (!ConnectionState.of(channel).closing.compareAndSet(false, true)) return;
        channel.config().setAutoRead(false);
        if (channel.isActive()) {
            channel.writeAndFlush(new Envelope(requestId, error))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }
}
