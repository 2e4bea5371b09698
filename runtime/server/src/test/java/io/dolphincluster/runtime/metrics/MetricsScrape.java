package io.dolphincluster.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.runtime.http.HttpApiServer;
import io.dolphincluster.runtime.http.Route;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Serves a process's {@code GET /metrics} route on a real HTTP port, scrapes it without credentials
 * as Prometheus would, and parses the answer with the strict {@link PrometheusTextParser}: a
 * malformed exposition fails the test.
 */
public final class MetricsScrape {
    private MetricsScrape() {}

    /** What one scrape of {@code metricsRoute} over HTTP answered, parsed. */
    public static PrometheusTextParser.Parsed overHttp(Route metricsRoute) throws Exception {
        HttpApiServer server =
                HttpApiServer.start(
                        "metrics-test",
                        new InetSocketAddress("127.0.0.1", 0),
                        List.of(metricsRoute),
                        r ->
                                CompletableFuture.failedFuture(
                                        new IllegalStateException("/metrics needs no login")));
        try {
            HttpResponse<String> response =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://127.0.0.1:"
                                                                    + server.address().getPort()
                                                                    + "/metrics"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type"))
                    .hasValue(ProcessMetrics.CONTENT_TYPE);
            return PrometheusTextParser.parse(response.body());
        } finally {
            server.close();
        }
    }

    /** Asserts that {@code parsed} has each family of {@code types} (name → type) with samples. */
    public static void assertFamilies(
            PrometheusTextParser.Parsed parsed, Map<String, String> types) {
        types.forEach(
                (family, type) -> {
                    assertThat(parsed.types()).as(family).containsEntry(family, type);
                    assertThat(
                                    parsed.samples().values().stream()
                                            .anyMatch(s -> s.name().startsWith(family)))
                            .as(family + " has samples")
                            .isTrue();
                });
    }
}
