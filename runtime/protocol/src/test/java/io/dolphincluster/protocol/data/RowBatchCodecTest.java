package io.dolphincluster.protocol.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RowBatchCodecTest {

    private static final Schema ALL_TYPES =
            Schema.of(
                    new Column("flag", ColumnType.BOOL),
                    new Column("qty", ColumnType.INT),
                    new Column("id", ColumnType.LONG),
                    new Column("price", ColumnType.DOUBLE),
                    new Column("sym", ColumnType.SYMBOL),
                    new Column("note", ColumnType.STRING),
                    new Column("date", ColumnType.DATE),
                    new Column("ts", ColumnType.TIMESTAMP));

    @Test
    void roundTripsEveryTypeWithExtremesAndNulls() {
        RowBatch batch =
                new RowBatch(
                        ALL_TYPES,
                        List.of(
                                row(
                                        true,
                                        1,
                                        2L,
                                        3.5,
                                        "AAPL",
                                        "héllo ✓",
                                        LocalDate.of(2024, 1, 2),
                                        Instant.parse("2024-01-02T10:00:00.123Z")),
                                row(
                                        false,
                                        Integer.MIN_VALUE,
                                        Long.MIN_VALUE,
                                        -0.0,
                                        "MSFT",
                                        "",
                                        LocalDate.of(1969, 12, 31),
                                        Instant.ofEpochMilli(-1)),
                                row(null, null, null, null, null, null, null, null),
                                row(
                                        true,
                                        Integer.MAX_VALUE,
                                        Long.MAX_VALUE,
                                        Double.NaN,
                                        "AAPL",
                                        "𝄞 emoji",
                                        LocalDate.MIN,
                                        Instant.ofEpochMilli(Long.MAX_VALUE)),
                                row(
                                        false,
                                        0,
                                        0L,
                                        Double.NEGATIVE_INFINITY,
                                        "",
                                        null,
                                        LocalDate.MAX,
                                        Instant.ofEpochMilli(Long.MIN_VALUE))));

        assertThat(RowBatchCodec.decode(RowBatchCodec.encode(batch))).isEqualTo(batch);
    }

    /**
     * The decode bomb: 16 M all-null rows in 2 MiB (one bit a row) are refused before anything is
     * allocated for them.
     */
    @Test
    void aBoundedDecodeRefusesRowsThatWouldCostFarMoreMemoryThanTheirBytes() {
        int rows = 16 * 1024 * 1024;
        ByteSink out = new ByteSink(3 << 20);
        out.writeByte(RowBatchCodec.VERSION);
        out.writeVarLong(1);
        out.writeByte(3); // LONG
        out.writeVarLong(1);
        out.writeBytes(new byte[] {'v'});
        out.writeVarLong(rows);
        out.writeByte(1); // a null bitmap...
        out.reserve(rows / 8); // ...with every bit clear: all null, no values
        byte[] bomb = out.toByteArray();
        assertThat(bomb.length).isLessThan(2_200_000);

        long heapBefore = usedHeap();
        assertThatThrownBy(() -> RowBatchCodec.decodeBounded(bomb))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row batch refused: 16777216 rows");
        assertThat(usedHeap() - heapBefore)
                .as("nothing was allocated for the rows")
                .isLessThan(64L << 20);
    }

    @Test
    void aBoundedDecodeTakesOrdinaryBatches() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            rows.add(
                    row(
                            i % 2 == 0,
                            i,
                            (long) i,
                            i * 0.5,
                            "S" + (i % 7),
                            null,
                            LocalDate.of(2024, 1, 1 + i % 28),
                            Instant.ofEpochMilli(i)));
        }
        RowBatch batch = new RowBatch(ALL_TYPES, rows);
        assertThat(RowBatchCodec.decodeBounded(RowBatchCodec.encode(batch)).size())
                .isEqualTo(200_000);
        RowBatch small =
                new RowBatch(
                        Schema.of(new Column("flag", ColumnType.BOOL)),
                        rows.subList(0, 50_000).stream()
                                .map(r -> Arrays.<Object>asList((Object) null))
                                .toList());
        assertThat(RowBatchCodec.decodeBounded(RowBatchCodec.encode(small)).size())
                .as("under the allowance")
                .isEqualTo(50_000);
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    @Test
    void roundTripsEmptyBatchesAndEmptySchemas() {
        assertThat(RowBatchCodec.decode(RowBatchCodec.encode(RowBatch.empty(ALL_TYPES))))
                .isEqualTo(RowBatch.empty(ALL_TYPES));
        Schema none = new Schema(List.of());
        assertThat(RowBatchCodec.decode(RowBatchCodec.encode(RowBatch.empty(none))))
                .isEqualTo(RowBatch.empty(none));
    }

    @Test
    void refusesRowsWithoutColumns() {
        RowBatch rowsWithoutColumns = new RowBatch(new Schema(List.of()), List.of(List.of()));
        assertThatThrownBy(() -> RowBatchCodec.encode(rowsWithoutColumns))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without columns");
    }

    @Test
    void roundTripsAllNullAndNoNullColumnsOfEveryLength() {
        Random random = new Random(7);
        for (int n = 0; n < 70; n++) {
            RowBatch batch =
                    randomBatch(random, ALL_TYPES, n, n % 3 == 0 ? 0.0 : n % 3 == 1 ? 1.0 : 0.3);
            assertThat(RowBatchCodec.decode(RowBatchCodec.encode(batch))).isEqualTo(batch);
        }
    }

    @Test
    void dictionaryEncodesSymbols() {
        Schema symbols = Schema.of(new Column("sym", ColumnType.SYMBOL));
        Schema strings = Schema.of(new Column("sym", ColumnType.STRING));
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++)
            rows.add(row(i % 2 == 0 ? "AAPL_LONG_SYMBOL" : "MSFT_LONG_SYMBOL"));

        int symbolBytes = RowBatchCodec.encode(new RowBatch(symbols, rows)).length;
        int stringBytes = RowBatchCodec.encode(new RowBatch(strings, rows)).length;

        assertThat(symbolBytes).isLessThan(1100).isLessThan(stringBytes / 10);
    }

    @Test
    void roundTripsSchemasAlone() {
        assertThat(RowBatchCodec.decodeSchema(RowBatchCodec.encodeSchema(ALL_TYPES)))
                .isEqualTo(ALL_TYPES);
    }

    @Test
    void damagedSchemasOnlyEverGiveIllegalArgument() {
        byte[] good = RowBatchCodec.encodeSchema(ALL_TYPES);
        Random random = new Random(3);
        for (int i = 0; i < 2000; i++) {
            byte[] damaged = Arrays.copyOf(good, 1 + random.nextInt(good.length + 1));
            damaged[random.nextInt(damaged.length)] = (byte) random.nextInt();
            try {
                RowBatchCodec.decodeSchema(damaged);
            } catch (IllegalArgumentException expected) {
                // the only acceptable failure
            }
        }
    }

    @Test
    void explainsWhatIsWrong() {
        byte[] good =
                RowBatchCodec.encode(
                        new RowBatch(
                                ALL_TYPES,
                                List.of(
                                        row(
                                                true,
                                                1,
                                                2L,
                                                3.5,
                                                "A",
                                                "b",
                                                LocalDate.EPOCH,
                                                Instant.EPOCH))));

        assertThatThrownBy(() -> RowBatchCodec.decode(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated")
                .hasMessageContaining("format version");
        byte[] otherVersion = good.clone();
        otherVersion[0] = 9;
        assertThatThrownBy(() -> RowBatchCodec.decode(otherVersion))
                .hasMessageContaining("version 9");
        byte[] badType = good.clone();
        badType[2] = 42;
        assertThatThrownBy(() -> RowBatchCodec.decode(badType))
                .hasMessageContaining("type code 42");
        assertThatThrownBy(() -> RowBatchCodec.decode(Arrays.copyOf(good, good.length - 1)))
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> RowBatchCodec.decode(Arrays.copyOf(good, good.length + 1)))
                .hasMessageContaining("unexpected bytes");
        // version 1, one LONG column "x", then a row count of 2^62
        byte[] absurd = {
            1,
            1,
            3,
            1,
            'x',
            (byte) 0x80,
            (byte) 0x80,
            (byte) 0x80,
            (byte) 0x80,
            (byte) 0x80,
            (byte) 0x80,
            (byte) 0x80,
            (byte) 0x80,
            0x40
        };
        assertThatThrownBy(() -> RowBatchCodec.decode(absurd)).hasMessageContaining("row count");
        assertThatThrownBy(() -> RowBatchCodec.decode(null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomBytesAndTruncationsOnlyEverGiveIllegalArgument() {
        Random random = new Random(20241125);
        for (int i = 0; i < 200; i++) {
            byte[] good =
                    RowBatchCodec.encode(randomBatch(random, ALL_TYPES, random.nextInt(40), 0.2));
            for (int cut = 0; cut < good.length; cut += 1 + random.nextInt(good.length / 16 + 1)) {
                expectOnlyIllegalArgument(Arrays.copyOf(good, cut));
            }
            for (int flips = 0; flips < 20; flips++) {
                byte[] mutated = good.clone();
                for (int k = 0; k <= random.nextInt(4); k++)
                    mutated[random.nextInt(mutated.length)] = (byte) random.nextInt();
                expectOnlyIllegalArgument(mutated);
            }
        }
        for (int i = 0; i < 20_000; i++) {
            byte[] noise = new byte[random.nextInt(64)];
            random.nextBytes(noise);
            if (noise.length > 0 && random.nextBoolean()) noise[0] = RowBatchCodec.VERSION;
            expectOnlyIllegalArgument(noise);
        }
    }

    private static void expectOnlyIllegalArgument(byte[] bytes) {
        try {
            RowBatchCodec.decode(bytes);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() == null || e.getMessage().isBlank())
                fail("no message for " + Arrays.toString(bytes), e);
        } catch (Throwable t) {
            fail("decoding " + Arrays.toString(bytes) + " threw " + t, t);
        }
    }

    static RowBatch randomBatch(Random random, Schema schema, int rows, double nullRate) {
        List<List<Object>> out = new ArrayList<>();
        String[] symbols = {"AAPL", "MSFT", "GOOG", "ÄÖÜ", ""};
        for (int r = 0; r < rows; r++) {
            Object[] row = new Object[schema.size()];
            for (int c = 0; c < row.length; c++) {
                if (random.nextDouble() < nullRate) continue;
                switch (schema.column(c).type()) {
                    case BOOL:
                        row[c] = random.nextBoolean();
                        break;
                    case INT:
                        row[c] = random.nextInt();
                        break;
                    case LONG:
                        row[c] = random.nextLong();
                        break;
                    case DOUBLE:
                        row[c] = random.nextGaussian() * 1e6;
                        break;
                    case SYMBOL:
                        row[c] = symbols[random.nextInt(symbols.length)];
                        break;
                    case STRING:
                        row[c] = Long.toString(random.nextLong(), 36);
                        break;
                    case DATE:
                        row[c] = LocalDate.ofEpochDay(random.nextInt(40_000) - 10_000);
                        break;
                    case TIMESTAMP:
                        row[c] = Instant.ofEpochMilli(random.nextLong() >> 20);
                        break;
                    default:
                        throw new IllegalStateException();
                }
            }
            out.add(Arrays.asList(row));
        }
        return new RowBatch(schema, out);
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }
}
