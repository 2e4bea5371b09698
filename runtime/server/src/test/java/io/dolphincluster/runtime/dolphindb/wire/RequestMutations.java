package io.dolphincluster.runtime.dolphindb.wire;

import com.xxdb.data.BasicInt;
import com.xxdb.data.BasicIntVector;
import com.xxdb.data.BasicStringVector;
import com.xxdb.data.BasicSymbolVector;
import com.xxdb.data.BasicTable;
import com.xxdb.data.Vector;
import com.xxdb.io.LittleEndianDataOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Requests as the official client sends them, and random damage to them (bytes flipped, lengths
 * changed, cut short, garbage appended): the inputs of the request reader's fuzz tests, on a
 * channel and on a live port.
 */
public final class RequestMutations {
    private RequestMutations() {}

    /** What the official client sends for run(function, args). */
    public static byte[] functionRequest(String function, com.xxdb.data.Entity... args)
            throws IOException {
        String body = "function\n" + function + "\n" + args.length + "\n1";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LittleEndianDataOutputStream out = new LittleEndianDataOutputStream(bytes);
        out.writeBytes(
                "API 42 "
                        + body.getBytes(StandardCharsets.UTF_8).length
                        + " / 0_1_4_64____9f2c_-7\n");
        out.write(body.getBytes(StandardCharsets.UTF_8));
        for (com.xxdb.data.Entity arg : args) arg.write(out);
        out.flush();
        return bytes.toByteArray();
    }

    static BasicTable table() {
        return new BasicTable(
                List.of("id", "sym", "note"),
                List.<Vector>of(
                        new BasicIntVector(new int[] {1, 2, 3}),
                        new BasicSymbolVector(List.of("a", "b", "a")),
                        new BasicStringVector(new String[] {"x", "", "z"})));
    }

    /**
     * Well-formed requests to damage: an upload-like function call with a table, one with a scalar
     * and a vector, a connect, a script.
     */
    public static List<byte[]> seeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(functionRequest("tableInsert{t}", table()));
        seeds.add(
                functionRequest(
                        "f", new BasicInt(1), new BasicStringVector(new String[] {"a", "b"})));
        seeds.add("API 0 8 / 0_1_4_2\nconnect\n".getBytes(StandardCharsets.US_ASCII));
        seeds.add("API 7 10 / 0_1_4_64\nscript\n1+1".getBytes(StandardCharsets.US_ASCII));
        return seeds;
    }

    /** {@code seed} with one kind of random damage. */
    public static byte[] mutate(byte[] seed, Random random) {
        byte[] out = seed.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int i = 0; i < 1 + random.nextInt(4); i++)
                    out[random.nextInt(out.length)] = (byte) random.nextInt(256);
            }
            case 1 -> out = Arrays.copyOf(out, random.nextInt(out.length));
            case 2 -> {
                byte[] more = new byte[random.nextInt(64)];
                random.nextBytes(more);
                out = concat(out, more);
            }
            case 3 -> {
                int at = random.nextInt(Math.max(1, out.length - 4));
                int value =
                        random.nextBoolean()
                                ? random.nextInt()
                                : Integer.MAX_VALUE - random.nextInt(16);
                for (int i = 0; i < 4 && at + i < out.length; i++)
                    out[at + i] = (byte) (value >>> (8 * i));
            }
            default -> {
                byte[] garbage = new byte[1 + random.nextInt(200)];
                random.nextBytes(garbage);
                out =
                        random.nextBoolean()
                                ? garbage
                                : concat("API 0 ".getBytes(StandardCharsets.US_ASCII), garbage);
            }
        }
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
