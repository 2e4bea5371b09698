package io.dolphincluster.runtime.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DnsCachePolicyTest {

    private static Map<String, String> securityPropertiesFor(Map<String, String> systemProperties) {
        Properties system = new Properties();
        system.putAll(systemProperties);
        Map<String, String> security = new TreeMap<>();
        DnsCachePolicy.apply(system, security::put);
        return security;
    }

    @Test
    void theLaunchersTtlBecomesTheSecurityPropertyTheJdkReads() {
        assertThat(securityPropertiesFor(Map.of("networkaddress.cache.ttl", "5")))
                .containsEntry("networkaddress.cache.ttl", "5");
    }

    @Test
    void withoutATtlTheJdksOwnIsKept() {
        assertThat(securityPropertiesFor(Map.of())).doesNotContainKey("networkaddress.cache.ttl");
    }

    @Test
    void aFailedLookupIsKeptOneSecondUnlessToldOtherwise() {
        assertThat(securityPropertiesFor(Map.of()))
                .containsEntry("networkaddress.cache.negative.ttl", "1");
        assertThat(securityPropertiesFor(Map.of("networkaddress.cache.negative.ttl", "0")))
                .containsEntry("networkaddress.cache.negative.ttl", "0");
    }

    @Test
    void theJdksOwnSystemPropertiesWinAsTheE2eHarnessSetsThem() {
        assertThat(
                        securityPropertiesFor(
                                Map.of(
                                        "networkaddress.cache.ttl",
                                        "5",
                                        "sun.net.inetaddr.ttl",
                                        "1",
                                        "sun.net.inetaddr.negative.ttl",
                                        "0")))
                .containsEntry("networkaddress.cache.ttl", "1")
                .containsEntry("networkaddress.cache.negative.ttl", "0");
    }
}
