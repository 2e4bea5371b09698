package io.dolphincluster.operator;

import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The operator's metrics: JOSDK's Micrometer support (reconciliations started, succeeded, failed,
 * retried, and controller execution times, per controller, without per-resource tags) in a
 * Prometheus registry, served as Prometheus text on {@code GET /metrics} of its own small HTTP
 * server. The Deployment is annotated {@code prometheus.io/scrape} with this port.
 */
public final class OperatorMetrics implements AutoCloseable {
    public static final int DEFAULT_PORT = 8080;
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Metrics josdk = MicrometerMetrics.withoutPerResourceMetrics(registry);
    private HttpServer server;

    /** What to give JOSDK ({@code overrider.withMetrics(...)}). */
    public Metrics josdkMetrics() {
        return josdk;
    }

    /** The current values as Prometheus text. */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * Serves {@code GET /metrics} on every interface at {@code port} (0: any free port) until
     * {@link #close()}.
     */
    public OperatorMetrics serve(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext(
                "/metrics",
                exchange -> {
                    try (exchange) {
                        if (!"GET".equals(exchange.getRequestMethod())) {
                            exchange.sendResponseHeaders(405, -1);
                            return;
                        }
                        byte[] body = scrape().getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
                        exchange.sendResponseHeaders(200, body.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(body);
                        }
                    }
                });
        server.setExecutor(
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread thread = new Thread(r, "operator-metrics");
                            thread.setDaemon(true);
                            return thread;
                        }));
        server.start();
        return this;
    }

    /** The port served, once {@link #serve} ran. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        if (server != null) server.stop(0);
        registry.close();
    }
}
