package io.dolphincluster.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashTest {
    @Test
    void aHashVerifiesItsPasswordOnly() {
        String hash = PasswordHash.hash("123456");
        assertThat(hash).matches("pbkdf2-sha256\\$120000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(PasswordHash.verify("123456", hash)).isTrue();
        assertThat(PasswordHash.verify("1234567", hash)).isFalse();
    }

    @Test
    void theSameSaltIsNeverReused() {
        assertThat(PasswordHash.hash("pw")).isNotEqualTo(PasswordHash.hash("pw"));
    }

    @Test
    void malformedHashesAreFalseNotErrors() {
        assertThat(PasswordHash.verify("pw", null)).isFalse();
        assertThat(PasswordHash.verify("pw", "")).isFalse();
        assertThat(PasswordHash.verify("pw", "pbkdf2-sha256$x$y$z")).isFalse();
        assertThat(PasswordHash.verify("pw", "pbkdf2-sha256$999999999$AAAA$AAAA")).isFalse();
        assertThat(PasswordHash.verify("pw", "md5$1$AAAA$AAAA")).isFalse();
    }
}
