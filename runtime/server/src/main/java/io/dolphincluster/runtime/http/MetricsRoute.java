package io.dolphincluster.runtime.http;

import io.dolphincluster.runtime.metrics.ProcessMetrics;
import java.util.concurrent.CompletableFuture;

/** {@code GET /metrics} of every process: open, like health and readiness (docs/security.md). */
public final class MetricsRoute {
    private MetricsRoute() {}

    /**
     * Every meter of {@code metrics}, scraped off the event loop: some gauges read the disk (a
     * datanode's chunk sizes).
     */
    public static Route of(ProcessMetrics metrics) {
        return new Route(
                "GET",
                "/metrics",
                Access.PUBLIC,
                r ->
                        CompletableFuture.supplyAsync(
                                () ->
                                        ApiResponse.text(
                                                ProcessMetrics.CONTENT_TYPE, metrics.scrape())));
    }
}
