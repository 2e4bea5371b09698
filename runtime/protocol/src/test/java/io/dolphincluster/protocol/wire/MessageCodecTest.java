package io.dolphincluster.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    @Test
    void everyMessageTypeRoundTrips() {
        Set<MessageType> covered = EnumSet.noneOf(MessageType.class);
        for (Message message : SampleMessages.all()) {
            Frame frame = MessageCodec.encode(42, message);
            assertThat(frame.requestId()).isEqualTo(42);
            assertThat(MessageCodec.decode(frame)).isEqualTo(message);
            covered.add(message.type());
        }
        assertThat(covered).containsExactlyInAnyOrder(MessageType.values());
    }

    @Test
    void typeCodesAreUnique() {
        assertThat(
                        Arrays.stream(MessageType.values())
                                .map(MessageType::code)
                                .collect(Collectors.toSet()))
                .hasSize(MessageType.values().length);
    }

    @Test
    void unknownTypeTruncatedPayloadAndTrailingBytesAreMalformed() {
        assertThatThrownBy(() -> MessageCodec.decode(new Frame(200, 1, new byte[0])))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("unknown message type 200");
        byte[] login = MessageCodec.encode(1, new Login("u", "p")).payload();
        assertThatThrownBy(
                        () ->
                                MessageCodec.decode(
                                        new Frame(
                                                MessageType.LOGIN.code(),
                                                1,
                                                Arrays.copyOf(login, login.length - 1))))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(
                        () ->
                                MessageCodec.decode(
                                        new Frame(
                                                MessageType.LOGIN.code(),
                                                1,
                                                Arrays.copyOf(login, login.length + 1))))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("unexpected bytes");
    }

    @Test
    void aLyingCountAllocatesNothing() {
        byte[] payload = new PayloadWriter().writeInt(Integer.MAX_VALUE).toByteArray();
        assertThatThrownBy(
                        () -> MessageCodec.decode(new Frame(MessageType.SITES.code(), 1, payload)))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("does not fit");
    }

    @Test
    void loginNeverShowsThePassword() {
        assertThat(new Login("admin", "s3cret").toString()).doesNotContain("s3cret");
    }

    /**
     * Random and bit-flipped payloads for every type fail only with WireFormatException (never OOM
     * or another exception).
     */
    @Test
    void garbagePayloadsFailCleanly() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            Message sample = SampleMessages.all().get(random.nextInt(SampleMessages.all().size()));
            byte[] payload = MessageCodec.encode(1, sample).payload();
            if (i % 2 == 0 || payload.length == 0) {
                payload = new byte[random.nextInt(64)];
                random.nextBytes(payload);
            } else {
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--)
                    payload[random.nextInt(payload.length)] ^= (byte) (1 << random.nextInt(8));
            }
            Frame frame = new Frame(sample.type().code(), 1, payload);
            try {
                MessageCodec.decode(frame);
            } catch (WireFormatException expected) {
                // the only acceptable failure
            }
        }
    }
}
