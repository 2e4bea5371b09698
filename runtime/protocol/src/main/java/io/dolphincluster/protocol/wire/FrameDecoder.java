package io.dolphincluster.protocol.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.time.Duration;
import java.util.List;

/**
 * Cuts the byte stream into {@link Frame}s. An oversized length prefix raises {@link
 * FrameTooLargeException} as soon as it is read (nothing is buffered for it); a too-short length or
 * an unknown version raises {@link MalformedFrameException}. After the first error every further
 * byte is discarded: the caller is expected to close the connection. The maximum can be changed
 * while the channel runs (e.g. small before login). With a frame timeout, a frame still incomplete
 * that long after its first byte is {@link MalformedFrameException} when more bytes arrive (a peer
 * that trickles a frame byte by byte); a peer that sends nothing at all is an idle-timeout matter.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private volatile int maxFrameBytes;
    private volatile long frameTimeoutNanos;
    private boolean failed;
    private long partialSince = -1;

    public FrameDecoder(int maxFrameBytes) {
        setMaxFrameBytes(maxFrameBytes);
    }

    public void setMaxFrameBytes(int maxFrameBytes) {
        if (maxFrameBytes < Frame.HEADER_BYTES)
            throw new IllegalArgumentException("maxFrameBytes must be >= " + Frame.HEADER_BYTES);
        this.maxFrameBytes = maxFrameBytes;
    }

    /** How long one frame may take to arrive; zero (the default) for no limit. */
    public void setFrameTimeout(Duration timeout) {
        this.frameTimeoutNanos = timeout.toNanos();
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        long now = System.nanoTime();
        if (partialSince < 0) partialSince = now;
        try {
            if (frameTimeoutNanos > 0 && now - partialSince > frameTimeoutNanos) {
                throw new MalformedFrameException(
                        "a frame was not completed within "
                                + Duration.ofNanos(frameTimeoutNanos).toMillis()
                                + " ms");
            }
            if (in.readableBytes() < 4) return;
            int length = in.getInt(in.readerIndex());
            checkLength(length);
            if (in.readableBytes() < 4 + Frame.HEADER_BYTES) return;
            byte version = in.getByte(in.readerIndex() + 4);
            if (version != Frame.VERSION)
                throw new MalformedFrameException(
                        "unknown protocol version " + version + ", expected " + Frame.VERSION);
        } catch (WireFormatException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
        int length = in.getInt(in.readerIndex());
        if (in.readableBytes() < 4 + length) return;
        partialSince = -1;
        in.skipBytes(4 + 1);
        int type = in.readUnsignedByte();
        long requestId = in.readLong();
        byte[] payload = new byte[length - Frame.HEADER_BYTES];
        in.readBytes(payload);
        out.add(new Frame(type, requestId, payload));
    }

    private void checkLength(int length) {
        if (length < 0)
            throw new FrameTooLargeException(Integer.toUnsignedLong(length), maxFrameBytes);
        if (length > maxFrameBytes) throw new FrameTooLargeException(length, maxFrameBytes);
        if (length < Frame.HEADER_BYTES)
            throw new MalformedFrameException(
                    "frame length "
                            + length
                            + " is shorter than the "
                            + Frame.HEADER_BYTES
                            + "-byte header");
    }
}
