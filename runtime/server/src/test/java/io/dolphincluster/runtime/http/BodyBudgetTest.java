package io.dolphincluster.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class BodyBudgetTest {
    private static final int KIB = 1024;

    private final BodyBudget.Pool pool = new BodyBudget.Pool(100 * KIB);

    @Test
    void smallBodiesNeverTouchThePool() {
        EmbeddedChannel channel = connection();
        for (int i = 0; i < 10; i++) sendWhole(channel, BodyBudget.FREE_BYTES);
        assertThat(pool.available()).isEqualTo(100 * KIB);
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void largeBodiesShareThePoolAndOneThatFindsItEmptyIs503AndClosed() {
        EmbeddedChannel first = connection();
        EmbeddedChannel second = connection();
        start(first);
        send(
                first,
                BodyBudget.FREE_BYTES
                        + 80 * KIB); // 80 KiB of the pool held while the body is under way
        start(second);
        send(second, BodyBudget.FREE_BYTES + 10 * KIB);
        assertThat(pool.available()).isEqualTo(10 * KIB);

        send(second, 20 * KIB);
        assertThat(first.<Object>readOutbound()).isNull();
        FullHttpResponse refused = second.readOutbound();
        assertThat(refused.status().code()).isEqualTo(503);
        assertThat(second.isActive()).isFalse();
        assertThat(pool.refused()).isEqualTo(1);
        assertThat(pool.available()).as("the refused body's share is back").isEqualTo(20 * KIB);

        first.writeInbound(new DefaultLastHttpContent());
        assertThat(pool.available()).as("a whole body gives its share back").isEqualTo(100 * KIB);
        first.close();
        assertThat(pool.available()).isEqualTo(100 * KIB);
    }

    @Test
    void aConnectionClosedMidBodyGivesItsShareBack() {
        EmbeddedChannel channel = connection();
        start(channel);
        send(channel, BodyBudget.FREE_BYTES + 50 * KIB);
        assertThat(pool.available()).isEqualTo(50 * KIB);
        channel.close();
        assertThat(pool.available()).isEqualTo(100 * KIB);
    }

    private EmbeddedChannel connection() {
        return new EmbeddedChannel(new BodyBudget(pool));
    }

    private static void start(EmbeddedChannel channel) {
        channel.writeInbound(
                new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/api/x"));
    }

    private static void send(EmbeddedChannel channel, int bytes) {
        channel.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[bytes])));
    }

    private static void sendWhole(EmbeddedChannel channel, int bytes) {
        start(channel);
        channel.writeInbound(new DefaultLastHttpContent(Unpooled.wrappedBuffer(new byte[bytes])));
        for (Object read; (read = channel.readInbound()) != null; ) {
            if (read instanceof HttpContent content) content.release();
        }
    }
}
