package io.dolphincluster.runtime.dolphindb.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.xxdb.data.BasicInt;
import com.xxdb.data.BasicIntVector;
import com.xxdb.data.BasicStringVector;
import com.xxdb.data.BasicSymbolVector;
import com.xxdb.data.BasicTable;
import com.xxdb.data.Vector;
import com.xxdb.io.LittleEndianDataOutputStream;
import io.dolphincluster.runtime.dolphindb.codec.MalformedObjectException;
import io.dolphincluster.runtime.dolphindb.data.Table;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The request reader on well-formed requests split anywhere, and on garbage: an error, never a crash or a hang. */
class RequestDecoderTest {
    private static final int LIMIT = 1 << 20;

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new RequestDecoder(() -> LIMIT, Duration.ofMinutes(1)));
    }

    /** What the official client sends for run(function, args). */
    static byte[] functionRequest(String function, com.xxdb.data.Entity... args) throws IOException {
        String body = "function\n" + function + "\n" + args.length + "\n1";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LittleEndianDataOutputStream out = new LittleEndianDataOutputStream(bytes);
        out.writeBytes("API 42 " + body.getBytes(StandardCharsets.UTF_8).length + " / 0_1_4_64____9f2c_-7\n");
        out.write(body.getBytes(StandardCharsets.UTF_8));
        for (com.xxdb.data.Entity arg : args) arg.write(out);
        out.flush();
        return bytes.toByteArray();
    }

    static BasicTable table() {
        return new BasicTable(List.of("id", "sym", "note"), List.<Vector>of(new BasicIntVector(new int[] {1, 2, 3}),
                new BasicSymbolVector(List.of("a", "b", "a")), new BasicStringVector(new String[] {"x", "", "z"})));
    }

    @Test
    void readsTheClientsRequestsHoweverTheyAreSplit() throws IOException {
        byte[] request = functionRequest("tableInsert{loadTable('dfs://db','t')}", table(), new BasicInt(5));
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
            assertThat((Object) channel.readInbound()).isNull();
        }
    }

    @Test
    void readsScriptsConnectsAndUploadsBackToBack() {
        EmbeddedChannel channel = channel();
        String requests = "API 0 8 / 0_1_4_2\nconnect\nAPI 7 10 / 0_1_4_64\nscript\n1+1API2 7 12\nscript\nx = 1";
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
        assertRefused(request("function\nf\n1\n1\n") + new String(new byte[] {4, 3, 0, 0}, StandardCharsets.ISO_8859_1));
        assertRefused("API " + "x".repeat(2000));
    }

    private static String request(String body) {
        return "API 0 " + body.getBytes(StandardCharsets.UTF_8).length + "\n" + body;
    }

    private static void assertRefused(String input) {
        EmbeddedChannel channel = channel();
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.copiedBuffer(input, StandardCharsets.ISO_8859_1))).as(input)
                .isInstanceOf(DecoderException.class)
                .cause().isInstanceOfAny(MalformedObjectException.class, MalformedRequestException.class);
        channel.writeInbound(Unpooled.copiedBuffer("API 0 8\nconnect\n", StandardCharsets.US_ASCII));
        assertThat((Object) channel.readInbound()).as("nothing is read after an error").isNull();
    }

    /**
     * Random damage to valid requests (bytes flipped, lengths changed, cut short, garbage appended): each run ends in a
     * request, an error, or waiting for more bytes; never another exception, never a hang, and no allocation the
     * request's claimed sizes ask for.
     */
    @Test
    void fuzzedRequestsEndInARequestAnErrorOrWaiting() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(functionRequest("tableInsert{t}", table()));
        seeds.add(functionRequest("f", new BasicInt(1), new BasicStringVector(new String[] {"a", "b"})));
        seeds.add("API 0 8 / 0_1_4_2\nconnect\n".getBytes(StandardCharsets.US_ASCII));
        seeds.add("API 7 10 / 0_1_4_64\nscript\n1+1".getBytes(StandardCharsets.US_ASCII));
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
                assertThat(e.getCause()).as("round " + round).isInstanceOfAny(MalformedRequestException.class, MalformedObjectException.class);
            } finally {
                channel.finishAndReleaseAll();
            }
        }
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] out = seed.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int i = 0; i < 1 + random.nextInt(4); i++) out[random.nextInt(out.length)] = (byte) random.nextInt(256);
            }
            case 1 -> out = java.util.Arrays.copyOf(out, random.nextInt(out.length));
            case 2 -> {
                byte[] more = new byte[random.nextInt(64)];
                random.nextBytes(more);
                out = concat(out, more);
            }
            case 3 -> {
                int at = random.nextInt(Math.max(1, out.length - 4));
                int value = random.nextBoolean() ? random.nextInt() : Integer.MAX_VALUE - random.nextInt(16);
                for (int i = 0; i < 4 && at + i < out.length; i++) out[at + i] = (byte) (value >>> (8 * i));
            }
            default -> {
                byte[] garbage = new byte[1 + random.nextInt(200)];
                random.nextBytes(garbage);
                out = random.nextBoolean() ? garbage : concat("API 0 ".getBytes(StandardCharsets.US_ASCII), garbage);
            }
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
