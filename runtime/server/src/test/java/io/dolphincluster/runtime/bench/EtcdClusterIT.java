package io.dolphincluster.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a small closed-loop write load against a real 3-member etcd cluster (needs {@code etcd} from
 * Debian's {@code etcd-server} package) and checks the writes are really there afterwards.
 */
class EtcdClusterIT {

    private static final int CONCURRENCY = 4;
    private static final int VALUE_SIZE = 128;
    private static final int WARMUP_OPS = 20;
    private static final int MEASURED_OPS = 200;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir Path workDir;

    private EtcdCluster cluster;

    @AfterEach
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void closedLoopWritesAllSucceedAndCanBeReadBackFromEveryMember() throws Exception {
        cluster = EtcdCluster.start(workDir, Duration.ofSeconds(60));
        LoadPlan plan =
                new LoadPlan(
                        CONCURRENCY, VALUE_SIZE, WARMUP_OPS, MEASURED_OPS, Duration.ofSeconds(120));

        LoadResult result;
        try (EtcdKvTarget target = EtcdKvTarget.toLeaderOf(cluster.clientUrls())) {
            result = new LoadGenerator(plan).run(target);
        }
        System.out.println(LoadResult.tableHeader() + "\n" + result);

        assertThat(result.ops()).isEqualTo(MEASURED_OPS);
        assertThat(result.errors()).isZero();
        assertThat(result.p99Millis()).isPositive();
        assertThat(result.p50Millis()).isPositive().isLessThanOrEqualTo(result.p99Millis());
        assertThat(result.opsPerSecond()).isPositive();

        String lastKey = LoadGenerator.key(WARMUP_OPS + MEASURED_OPS - 1);
        String expected = new String(LoadGenerator.payload(VALUE_SIZE), StandardCharsets.US_ASCII);
        for (URI member : cluster.clientUrls()) {
            assertThat(readValue(member, lastKey))
                    .as("value of %s read from %s", lastKey, member)
                    .isEqualTo(expected);
        }
        assertThat(
                        readValue(
                                cluster.clientUrls().get(0),
                                LoadGenerator.key(WARMUP_OPS + MEASURED_OPS)))
                .as("a key beyond the run was never written")
                .isNull();

        List<Long> pids = cluster.pids();
        cluster.close();
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("etcd pid %d alive after close", pid)
                    .isFalse();
        }
    }

    @Test
    void failedPutReportsStatusAndBody() throws Exception {
        cluster = EtcdCluster.start(workDir, Duration.ofSeconds(60));
        try (EtcdKvTarget target = new EtcdKvTarget(cluster.clientUrls().get(1))) {
            // etcd rejects an empty key with 400 and a JSON error body.
            Throwable failure = target.put("", new byte[] {1}).handle((ok, error) -> error).get();
            assertThat(failure).isNotNull();
            assertThat(failure.getMessage()).contains("400").contains("key is not provided");
        }
    }

    /**
     * The value under {@code key} through {@code POST /v3/kv/range} (a linearizable read), or null.
     */
    private String readValue(URI member, String key) throws Exception {
        Base64.Encoder base64 = Base64.getEncoder();
        byte[] body =
                JSON.writeValueAsBytes(
                        Map.of("key", base64.encodeToString(key.getBytes(StandardCharsets.UTF_8))));
        HttpRequest request =
                HttpRequest.newBuilder(member.resolve("/v3/kv/range"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("range answer from %s: %s", member, response.body())
                .isEqualTo(200);
        JsonNode kvs = JSON.readTree(response.body()).path("kvs");
        if (kvs.isEmpty()) {
            return null;
        }
        return new String(
                Base64.getDecoder().decode(kvs.get(0).path("value").asText()),
                StandardCharsets.US_ASCII);
    }
}
