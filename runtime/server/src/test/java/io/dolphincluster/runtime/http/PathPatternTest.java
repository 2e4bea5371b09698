package io.dolphincluster.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PathPatternTest {

    private static Map<String, String> match(String pattern, String rawPath) {
        return new PathPattern(pattern).match(PathPattern.split(rawPath));
    }

    @Test
    void literalPathMatchesWithoutParameters() {
        assertThat(match("/api/config", "/api/config")).isEqualTo(Map.of());
    }

    @Test
    void parametersAreNamedAndDecoded() {
        assertThat(
                        match(
                                "/api/databases/{database}/tables/{table}",
                                "/api/databases/db%201/tables/t"))
                .isEqualTo(Map.of("database", "db 1", "table", "t"));
    }

    @Test
    void anEncodedSlashStaysInsideItsParameter() {
        assertThat(match("/api/config/{key}", "/api/config/a%2Fb")).isEqualTo(Map.of("key", "a/b"));
    }

    @Test
    void differentLiteralsDoNotMatch() {
        assertThat(match("/api/config/{key}", "/api/users/x")).isNull();
    }

    @Test
    void differentSegmentCountsDoNotMatch() {
        assertThat(match("/api/config/{key}", "/api/config")).isNull();
        assertThat(match("/api/config/{key}", "/api/config/a/b")).isNull();
    }

    @Test
    void anEmptyParameterDoesNotMatch() {
        assertThat(match("/api/members/{alias}/drain", "/api/members//drain")).isNull();
    }
}
