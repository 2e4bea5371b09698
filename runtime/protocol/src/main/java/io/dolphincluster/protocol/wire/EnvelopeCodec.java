package io.dolphincluster.protocol.wire;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import java.util.List;

/** The Netty handler between {@link Frame}s and {@link Envelope}s, using {@link MessageCodec}. */
public final class EnvelopeCodec extends MessageToMessageCodec<Frame, Envelope> {
    @Override
    protected void encode(ChannelHandlerContext ctx, Envelope envelope, List<Object> out) {
        out.add(MessageCodec.encode(envelope.requestId(), envelope.message()));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
        out.add(new Envelope(frame.requestId(), MessageCodec.decode(frame)));
    }
}
