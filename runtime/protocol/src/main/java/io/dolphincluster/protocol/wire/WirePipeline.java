package io.dolphincluster.protocol.wire;

import io.netty.channel.ChannelPipeline;

/**
 * Adds the protocol's codecs to a pipeline, the same way on both ends: bytes ⇄ {@link Frame} ⇄
 * {@link Envelope}.
 */
public final class WirePipeline {
    public static final String FRAME_DECODER = "frameDecoder";

    private WirePipeline() {}

    public static void addCodecs(ChannelPipeline pipeline, int maxFrameBytes) {
        addCodecs(pipeline, maxFrameBytes, maxFrameBytes);
    }

    /**
     * With separate limits: a server accepts only small frames before login ({@code
     * maxInboundBytes}, raised after login through {@link #frameDecoder}) but may always answer up
     * to {@code maxOutboundBytes}.
     */
    public static void addCodecs(
            ChannelPipeline pipeline, int maxInboundBytes, int maxOutboundBytes) {
        pipeline.addLast(FRAME_DECODER, new FrameDecoder(maxInboundBytes))
                .addLast("frameEncoder", new FrameEncoder(maxOutboundBytes))
                .addLast("envelopeCodec", new EnvelopeCodec());
    }

    /**
     * The frame decoder of a pipeline built by {@link #addCodecs}, e.g. to raise its limit after
     * login.
     */
    public static FrameDecoder frameDecoder(ChannelPipeline pipeline) {
        return (FrameDecoder) pipeline.get(FRAME_DECODER);
    }
}
