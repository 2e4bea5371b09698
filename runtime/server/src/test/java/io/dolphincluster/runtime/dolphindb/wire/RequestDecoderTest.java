package io.dolphincluster.runtime.dolphindb.wire;

import static io.dolphincluster.runtime.dolphindb.wire.RequestMutations.functionRequest;
import static io.dolphincluster.runtime.dolphindb.wire.RequestMutations.mutate;
import static io.dolphincluster.runtime.dolphindb.wire.RequestMutations.seeds;
import static io.dolphincluster.runtime.dolphindb.wire.RequestMutations.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.xxdb.data.BasicInt;
import io.dolphincluster.runtime.dolphindb.codec.MalformedObjectException;
import io.dolphincluster.runtime.dolphindb.data.Table;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The request reader on well-formed requests split anywhere, and on garbage: an error, never a
 * crash or a hang.
 */
class RequestDecoderTest {
    private static final int LIMIT = 1 << 20;

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new RequestDecoder(() -> LIMIT, Duration.ofMinutes(1)));
    }

    @Test
    void readsTheClientsRequestsHoweverTheyAreSplit() throws IOException {
        byte[] request =
                functionRequest("tableInsert{loadTable('dfs://db','t')}", table(), new BasicInt(5));
        Random random = new Random(1);
        for (int round = 0; round < 200; round++) {
            EmbeddedChannel channel = channel();
            int at = 0;
            while (at < request.length) {
                int n = Math.min(request.length - at, 1 + random.nextInt(12));
                channel.writeInbound(Unpooled.wrappedBuffer(request, at, n));
                at += n;
            }
            ApiRequest decoded = channel.readInbound();
            assertThat(decoded.kind()).isEqualTo(ApiRequest.Kind.FUNCTION);
            assertThat(decoded.text()).isEqualTo("tableInsert{loadTable('dfs://db','t')}");
            assertThat(decoded.sessionId()).isEqualTo("42");
            assertThat(decoded.clientId()).isEqualTo("9f2c");
            assertThat(decoded.seqNo()).isEqualTo(-7);
            assertThat(((Table) decoded.args().get(0)).rows()).isEqualTo(3);
            assertThat(decoded.args().get(1)).hasToString("5");
            assertThat(channel.<Object>readInbound()).isNull();
        }
    }

    @Test
    void readsScriptsConnectsAndUploadsBackToBack() {
        EmbeddedChannel channel = channel();
        String requests =
                "API 0 8 / 0_1_4_2\nconnect\nAPI 7 10 / 0_1_4_64\nscript\n1+1API2 7 12\nscript\nx = 1";
        channel.writeInbound(Unpooled.copiedBuffer(requests, StandardCharsets.UTF_8));
        assertThat(((ApiRequest) channel.readInbound()).kind()).isEqualTo(ApiRequest.Kind.CONNECT);
        assertThat(((ApiRequest) channel.readInbound()).text()).isEqualTo("1+1");
        assertThat(((ApiRequest) channel.readInbound()).text()).isEqualTo("x = 1");
    }

    @Test
    void refusesWhatItCannotRead() {
        assertRefused("GARBAGE GARBAGE\n");
        assertRefused("API 0 99999999999 / 0\n");
        assertRefused("API 0 2000000 / 0\nscript\n");
        assertRefused("API 0 5 / x_1\nhello");
        assertRefused(request("bogus\n"));
        assertRefused(request("function\nf\n1\n0\n"));
        assertRefused(request("function\nf\n99999\n1\n"));
        assertRefused(
                request("function\nf\n1\n1\n")
                        + new String(new byte[] {4, 3, 0, 0}, StandardCharsets.ISO_8859_1));
        assertRefused("API " + "x".repeat(2000));
    }

    private static String request(String body) {
        return "API 0 " + body.getBytes(StandardCharsets.UTF_8).length + "\n" + body;
    }

    private static void assertRefused(String input) {
        EmbeddedChannel channel = channel();
        assertThatThrownBy(
                        () ->
                                channel.writeInbound(
                                        Unpooled.copiedBuffer(input, StandardCharsets.ISO_8859_1)))
                .as(input)
                .isInstanceOf(DecoderException.class)
                .cause()
                .isInstanceOfAny(MalformedObjectException.class, MalformedRequestException.class);
        channel.writeInbound(
                Unpooled.copiedBuffer("API 0 8\nconnect\n", StandardCharsets.US_ASCII));
        assertThat(channel.<Object>readInbound()).as("nothing is read after an error").isNull();
    }

    /**
     * A request left incomplete fails at its timeout even when no more bytes come (a logged-in
     * client may stay idle).
     */
    @Test
    void aRequestLeftIncompleteFailsAtItsTimeoutWithoutMoreBytes() {
        List<Throwable> failures = new ArrayList<>();
        EmbeddedChannel channel =
                new EmbeddedChannel(
                        new RequestDecoder(() -> LIMIT, Duration.ofSeconds(5)),
                        new ChannelInboundHandlerAdapter() {
                            @Override
                            public void exceptionCaught(
                                    ChannelHandlerContext ctx, Throwable cause) {
                                failures.add(cause);
                            }
                        });
        channel.writeInbound(
                Unpooled.copiedBuffer("API 0 10\nscript\n1+", StandardCharsets.US_ASCII));
        channel.advanceTimeBy(3, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        channel.writeInbound(Unpooled.copiedBuffer("1", StandardCharsets.US_ASCII));
        assertThat(((ApiRequest) channel.readInbound()).text())
                .as("completed in time")
                .isEqualTo("1+1");
        channel.advanceTimeBy(10, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(failures).as("a completed request's deadline is cancelled").isEmpty();

        channel.writeInbound(
                Unpooled.copiedBuffer("API 0 10\nscript\n2+", StandardCharsets.US_ASCII));
        channel.advanceTimeBy(4, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(failures).isEmpty();
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0))
                .isInstanceOf(MalformedRequestException.class)
                .hasMessage("Invalid request: not completed within 5000 ms");
        channel.writeInbound(
                Unpooled.copiedBuffer("2API 0 8\nconnect\n", StandardCharsets.US_ASCII));
        assertThat(channel.<Object>readInbound()).as("nothing is read after the timeout").isNull();
        channel.finishAndReleaseAll();
    }

    /**
     * Random damage to valid requests (bytes flipped, lengths changed, cut short, garbage
     * appended): each run ends in a request, an error, or waiting for more bytes; never another
     * exception, never a hang, and no allocation the request's claimed sizes ask for.
     */
    @Test
    void fuzzedRequestsEndInARequestAnErrorOrWaiting() throws IOException {
        List<byte[]> seeds = seeds();
        Random random = new Random(42);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (int round = 0; round < 20_000 && System.nanoTime() < deadline; round++) {
            byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), random);
            EmbeddedChannel channel = channel();
            try {
                channel.writeInbound(Unpooled.wrappedBuffer(input));
                while (channel.readInbound() != null) {
                    // a request made it through: fine
                }
            } catch (DecoderException e) {
                assertThat(e.getCause())
                        .as("round " + round)
                        .isInstanceOfAny(
                                MalformedRequestException.class, MalformedObjectException.class);
            } finally {
                channel.finishAndReleaseAll();
            }
        }
    }
}
