package io.dolphincluster.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AdminSecretDesiredTest {

    @Test
    void holdsTheGivenPasswordUnderTheDefaultKey() {
        Secret secret = AdminSecretDesired.of(TestClusters.demo(), "s3cret");

        assertThat(secret.getMetadata().getName()).isEqualTo("demo-admin");
        assertThat(
                        new String(
                                Base64.getDecoder().decode(secret.getData().get("password")),
                                StandardCharsets.UTF_8))
                .isEqualTo("s3cret");
    }

    @Test
    void randomPasswordsAreLongAndDiffer() {
        String first = AdminSecretDesired.randomPassword();

        assertThat(first).hasSize(24).matches("[A-Za-z0-9]+");
        assertThat(AdminSecretDesired.randomPassword()).isNotEqualTo(first);
    }
}
