package io.dolphincluster.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PasswordHashingTest {

    @Test
    void aHashMatchesItsPasswordOnly() {
        String encoded = PasswordHashing.hash("123456".toCharArray());

        assertThat(PasswordHashing.matches("123456".toCharArray(), encoded)).isTrue();
        assertThat(PasswordHashing.matches("1234567".toCharArray(), encoded)).isFalse();
        assertThat(PasswordHashing.matches("".toCharArray(), encoded)).isFalse();
    }

    @Test
    void theFormatNamesTheAlgorithmIterationsSaltAndHash() {
        String[] parts = PasswordHashing.hash("secret".toCharArray()).split("\\$");

        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
        assertThat(parts[1]).isEqualTo("120000");
        assertThat(Base64.getDecoder().decode(parts[2])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[3])).hasSize(32);
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertThat(PasswordHashing.hash("p".toCharArray())).isNotEqualTo(PasswordHashing.hash("p".toCharArray()));
    }

    @Test
    void theIterationCountIsReadFromTheStoredHash() throws Exception {
        byte[] salt = "salt-salt-salt-s".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] hash = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new javax.crypto.spec.PBEKeySpec("pw".toCharArray(), salt, 1000, 256)).getEncoded();
        Base64.Encoder base64 = Base64.getEncoder();
        String encoded = "pbkdf2-sha256$1000$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);

        assertThat(PasswordHashing.matches("pw".toCharArray(), encoded)).isTrue();
        assertThat(PasswordHashing.matches("pw".toCharArray(), encoded.replace("$1000$", "$1001$"))).isFalse();
    }

    @Test
    void malformedHashesNeverMatch() {
        for (String bad : new String[] {null, "", "plain", "pbkdf2-sha256$x$AA==$AA==", "md5$1$AA==$AA==",
                "pbkdf2-sha256$1000$!!$AA==", "pbkdf2-sha256$0$AA==$AA==", "pbkdf2-sha256$1000$$"}) {
            assertThat(PasswordHashing.matches("pw".toCharArray(), bad)).as(String.valueOf(bad)).isFalse();
        }
    }
}
