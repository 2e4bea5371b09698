package io.dolphincluster.protocol.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes {@link Frame}s. A frame above the maximum is refused with {@link FrameTooLargeException}
 * (the write's future fails) rather than sent to a peer that would drop the connection for it.
 */
public final class FrameEncoder extends MessageToByteEncoder<Frame> {
    private final int maxFrameBytes;

    public FrameEncoder(int maxFrameBytes) {
        super(Frame.class);
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, ByteBuf out) {
        long length = (long) Frame.HEADER_BYTES + frame.payload().length;
        if (length > maxFrameBytes) throw new FrameTooLargeException(length, maxFrameBytes);
        out.writeInt((int) length);
        out.writeByte(Frame.VERSION);
        out.writeByte(frame.type());
        out.writeLong(frame.requestId());
        out.writeBytes(frame.payload());
    }
}
