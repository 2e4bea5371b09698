package io.dolphincluster.runtime.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChunkIdsTest {

    @Test
    void plainKeysAreKeptAsTheyAre() {
        assertThat(ChunkIds.of("trades", "quotes", "2024.01.02"))
                .isEqualTo("trades~quotes~2024.01.02");
        assertThat(ChunkIds.of("db", "t", "-12")).isEqualTo("db~t~-12");
    }

    @Test
    void otherBytesAreWrittenAsUnderscoreHex() {
        assertThat(ChunkIds.of("db", "t", "[0,100)")).isEqualTo("db~t~_5B0_2C100_29");
        assertThat(ChunkIds.of("db", "t", "a/b c")).isEqualTo("db~t~a_2Fb_20c");
        assertThat(ChunkIds.of("db", "t", "a_b")).isEqualTo("db~t~a_5Fb");
        assertThat(ChunkIds.of("db", "t", "é")).isEqualTo("db~t~_C3_A9");
        assertThat(ChunkIds.of("db", "t", "")).isEqualTo("db~t~");
    }

    @Test
    void distinctPartitionsGetDistinctUrlSafeIds() {
        String[] keys = {"a_2F", "a/", "a_", "a", "A", "a b", "a_20b"};
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (String key : keys) {
            String id = ChunkIds.of("db.x", "t-1", key);
            assertThat(id).matches("[A-Za-z0-9._~-]*");
            ids.add(id);
        }
        assertThat(ids).hasSize(keys.length);
    }

    @Test
    void aLongKeyGetsAShortenedIdThatAChunkStoreAcceptsAndThatStaysDistinct() {
        String longKey =
                "\u884c\u60c5".repeat(60)
                        + "-a"; // 122 characters, 362 bytes of UTF-8: 1,000+ characters encoded
        String id =
                ChunkIds.of(
                        "database_with_a_long_name_0123456789",
                        "table_with_a_long_name_0123456789",
                        longKey);
        assertThat(id)
                .hasSizeLessThanOrEqualTo(ChunkIds.MAX_LENGTH)
                .matches("[A-Za-z0-9_~\\-][A-Za-z0-9._~\\-]*")
                .matches(".*~[0-9A-F]{32}");
        assertThat(
                        ChunkIds.of(
                                "database_with_a_long_name_0123456789",
                                "table_with_a_long_name_0123456789",
                                longKey))
                .isEqualTo(id);
        assertThat(
                        ChunkIds.of(
                                "database_with_a_long_name_0123456789",
                                "table_with_a_long_name_0123456789",
                                longKey.replace("-a", "-b")))
                .isNotEqualTo(id);
    }
}
