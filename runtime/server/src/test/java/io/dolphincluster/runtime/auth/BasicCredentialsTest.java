package io.dolphincluster.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    @Test
    void readsUserAndPasswordWithColonsAndUtf8() {
        String header =
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString("admin:pä:ss".getBytes(StandardCharsets.UTF_8));
        assertThat(BasicCredentials.parse(header)).contains(new BasicCredentials("admin", "pä:ss"));
        assertThat(BasicCredentials.parse("basic " + header.substring(6))).isPresent();
        assertThat(new BasicCredentials("admin", "pä:ss").header()).isEqualTo(header);
    }

    @Test
    void refusesMalformedHeadersAndNeverPrintsThePassword() {
        assertThat(BasicCredentials.parse(null)).isEmpty();
        assertThat(BasicCredentials.parse("Bearer abc")).isEmpty();
        assertThat(BasicCredentials.parse("Basic !!!")).isEmpty();
        assertThat(
                        BasicCredentials.parse(
                                "Basic "
                                        + Base64.getEncoder().encodeToString("nocolon".getBytes())))
                .isEmpty();
        assertThat(
                        BasicCredentials.parse(
                                "Basic " + Base64.getEncoder().encodeToString(":pw".getBytes())))
                .isEmpty();
        assertThat(new BasicCredentials("admin", "secret").toString()).doesNotContain("secret");
    }
}
