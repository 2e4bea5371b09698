package io.dolphincluster.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    private final EmbeddedChannel channel = new EmbeddedChannel();

    FrameDecoderTest() {
        WirePipeline.addCodecs(channel.pipeline(), 1024);
    }

    @Test
    void framesSurviveAnyByteSplitAndRoundTrip() {
        channel.writeOutbound(new Envelope(5, new Login("admin", "pw")), new Envelope(6, new Ok()));
        ByteBuf wire = Unpooled.buffer();
        for (ByteBuf part; (part = channel.readOutbound()) != null; part.release())
            wire.writeBytes(part);
        while (wire.isReadable()) channel.writeInbound(wire.readRetainedSlice(1));
        wire.release();
        assertThat((Envelope) channel.readInbound())
                .isEqualTo(new Envelope(5, new Login("admin", "pw")));
        assertThat((Envelope) channel.readInbound()).isEqualTo(new Envelope(6, new Ok()));
    }

    @Test
    void anOversizedLengthPrefixFailsBeforeItsBodyArrives() {
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.buffer().writeInt(1025)))
                .isInstanceOf(FrameTooLargeException.class);
        assertThatThrownBy(
                        () ->
                                new EmbeddedChannel(new FrameDecoder(1024))
                                        .writeInbound(Unpooled.buffer().writeInt(-1)))
                .isInstanceOf(FrameTooLargeException.class);
    }

    @Test
    void aShortLengthOrUnknownVersionIsMalformed() {
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.buffer().writeInt(3)))
                .isInstanceOf(MalformedFrameException.class);
        EmbeddedChannel other = new EmbeddedChannel(new FrameDecoder(1024));
        assertThatThrownBy(
                        () ->
                                other.writeInbound(
                                        Unpooled.buffer()
                                                .writeInt(10)
                                                .writeByte(9)
                                                .writeByte(1)
                                                .writeLong(1)))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("version 9");
    }

    @Test
    void theEncoderRefusesAFrameAboveTheMaximum() {
        assertThatThrownBy(
                        () ->
                                channel.writeOutbound(
                                        new Envelope(
                                                1,
                                                new ReplicaAppend(
                                                        "d",
                                                        "c",
                                                        1,
                                                        java.util.List.of(
                                                                new ChunkRecord(
                                                                        1, "w", new byte[2000]))))))
                .hasRootCauseInstanceOf(FrameTooLargeException.class);
    }

    @Test
    void theLimitCanBeRaisedWhileRunning() {
        FrameDecoder decoder = WirePipeline.frameDecoder(channel.pipeline());
        decoder.setMaxFrameBytes(4096);
        ByteBuf frame =
                Unpooled.buffer()
                        .writeInt(10 + 2000)
                        .writeByte(1)
                        .writeByte(MessageType.OK.code())
                        .writeLong(1)
                        .writeZero(2000);
        assertThatThrownBy(() -> channel.writeInbound(frame))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("unexpected bytes");
    }
}
