package io.dolphincluster.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PathPatternTest {

    private static Map<String, String> match(String pattern, String rawPath) {
        return new PathPattern(pattern).match(PathPattern.split(rawPath));
    }

    @Test
    void literalPathMatchesWithoutParameters() {
        assertEquals(Map.of(), match("/api/config", "/api/config"));
    }

    @Test
    void parametersAreNamedAndDecoded() {
        assertEquals(
                Map.of("database", "db 1", "table", "t"),
                match(
                        "/api/databases/{database}/tables/{table}",
                        "/api/databases/db%201/tables/t"));
    }

    @Test
    void anEncodedSlashStaysInsideItsParameter() {
        assertEquals(Map.of("key", "a/b"), match("/api/config/{key}", "/api/config/a%2Fb"));
    }

    @Test
    void differentLiteralsDoNotMatch() {
        assertNull(match("/api/config/{key}", "/api/users/x"));
    }

    @Test
    void differentSegmentCountsDoNotMatch() {
        assertNull(match("/api/config/{key}", "/api/config"));
        assertNull(match("/api/config/{key}", "/api/config/a/b"));
    }

    @Test
    void anEmptyParameterDoesNotMatch() {
        assertNull(match("/api/members/{alias}/drain", "/api/members//drain"));
    }
}
