package io.dolphincluster.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCredentialTest {
    private static final String SECRET = ClusterCredential.generateSecret();
    private final ClusterCredential credential = ClusterCredential.of(SECRET);

    @Test
    void aTokenIsGoodForItsPurposeOnly() {
        long now = 1_700_000_000_000L;
        String purpose =
                ClusterCredential.httpPurpose(
                        "POST", "/api/nodes", "{}".getBytes(StandardCharsets.UTF_8));
        String token = credential.sign("datanode1", purpose, now);

        assertThat(credential.verify(token, purpose, now + 1_000))
                .hasValueSatisfying(
                        t -> {
                            assertThat(t.node()).isEqualTo("datanode1");
                            assertThat(t.millis()).isEqualTo(now);
                        });
        assertThat(
                        credential.verify(
                                token,
                                ClusterCredential.httpPurpose(
                                        "POST",
                                        "/api/nodes",
                                        "{ }".getBytes(StandardCharsets.UTF_8)),
                                now))
                .as("another body")
                .isEmpty();
        assertThat(
                        credential.verify(
                                token,
                                ClusterCredential.httpPurpose(
                                        "DELETE",
                                        "/api/nodes",
                                        "{}".getBytes(StandardCharsets.UTF_8)),
                                now))
                .as("another method")
                .isEmpty();
        assertThat(credential.verify(token, ClusterCredential.loginPurpose("datanode2"), now))
                .as("another purpose")
                .isEmpty();
    }

    @Test
    void anotherSecretOrAnAlteredTokenIsRefused() {
        String purpose = ClusterCredential.loginPurpose("datanode2");
        String token = credential.sign("datanode1", purpose);
        long now = System.currentTimeMillis();

        assertThat(
                        ClusterCredential.of(ClusterCredential.generateSecret())
                                .verify(token, purpose, now))
                .isEmpty();
        assertThat(credential.verify(token.replace("datanode1", "datanode3"), purpose, now))
                .as("claims another node")
                .isEmpty();
        assertThat(credential.verify(token.substring(0, token.length() - 1), purpose, now))
                .isEmpty();
        for (String garbage :
                new String[] {
                    null, "", "v1", "v1:a:b:c:d", "v2:" + token.substring(3), "x".repeat(10_000)
                }) {
            assertThat(credential.verify(garbage, purpose, now))
                    .as(String.valueOf(garbage))
                    .isEmpty();
        }
    }

    @Test
    void aTokenOutsideTheClockWindowIsRefused() {
        String purpose = ClusterCredential.loginPurpose("d");
        long now = 1_700_000_000_000L;
        String token = credential.sign("n", purpose, now);

        assertThat(credential.verify(token, purpose, now + ClusterCredential.MAX_SKEW_MILLIS))
                .isPresent();
        assertThat(credential.verify(token, purpose, now + ClusterCredential.MAX_SKEW_MILLIS + 1))
                .isEmpty();
        assertThat(credential.verify(token, purpose, now - ClusterCredential.MAX_SKEW_MILLIS - 1))
                .isEmpty();
    }

    @Test
    void tokensNeverRepeatAndNeverHoldTheSecret() {
        String purpose = ClusterCredential.loginPurpose("d");
        String first = credential.sign("n", purpose, 1);
        String second = credential.sign("n", purpose, 1);

        assertThat(first).isNotEqualTo(second).doesNotContain(SECRET);
        assertThat(credential.httpAuthorization("n", "GET", "/api/raft", null))
                .startsWith("DolphinNode v1:n:");
        assertThat(credential.toString()).doesNotContain(SECRET);
    }

    @Test
    void tokensMadeAndCheckedOnManyThreadsAtOnceAreAllGood() throws Exception {
        ClusterCredential one = ClusterCredential.of("a-secret-of-enough-length-1");
        ClusterCredential other = ClusterCredential.of("a-secret-of-enough-length-2");
        java.util.concurrent.ExecutorService threads =
                java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> results =
                    new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(
                        threads.submit(
                                () -> {
                                    int good = 0;
                                    for (int i = 0; i < 2000; i++) {
                                        byte[] body = ("body " + thread + " " + i).getBytes();
                                        String purpose =
                                                ClusterCredential.httpPurpose("PUT", "/x", body);
                                        String token = one.sign("node-" + thread, purpose);
                                        long now = System.currentTimeMillis();
                                        if (one.verify(token, purpose, now).isPresent()
                                                && other.verify(token, purpose, now).isEmpty())
                                            good++;
                                    }
                                    return good;
                                }));
            }
            for (java.util.concurrent.Future<Integer> result : results)
                assertThat(result.get()).isEqualTo(2000);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aSecretIsReadFromAFileAndMustBeLongEnough(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cluster.secret");
        Files.writeString(file, SECRET + "\n");
        ClusterCredential read = ClusterCredential.read(file);
        String token = read.sign("n", "p");
        assertThat(credential.verify(token, "p", System.currentTimeMillis())).isPresent();

        Files.writeString(file, "short\n");
        assertThatThrownBy(() -> ClusterCredential.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 16 characters");
        assertThatThrownBy(() -> ClusterCredential.read(dir.resolve("missing")))
                .isInstanceOf(java.io.IOException.class);
    }
}
