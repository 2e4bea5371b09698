package io.dolphincluster.runtime.agent;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.runtime.http.HttpPortCounters;
import io.dolphincluster.runtime.metrics.MetricsScrape;
import io.dolphincluster.runtime.metrics.PrometheusTextParser;
import io.dolphincluster.runtime.tls.ClusterTls;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An agent's {@code GET /metrics} scraped over HTTP and parsed strictly. */
class AgentMetricsTest {
    @Test
    void theHttpPortsRefusalsAreServedByReason() throws Exception {
        PrometheusTextParser.Parsed parsed =
                MetricsScrape.overHttp(
                        new AgentMetrics(
                                        "agent1",
                                        ClusterTls.off(),
                                        () -> new HttpPortCounters(4, 1, 9, 2, 0, 0, 0, 0))
                                .route());

        MetricsScrape.assertFamilies(
                parsed,
                Map.ofEntries(
                        entry("dolphin_http_connections", "gauge"),
                        entry("dolphin_http_refused_total", "counter")));
        assertThat(parsed.value("dolphin_http_connections", "node", "agent1")).isEqualTo(4);
        assertThat(parsed.value("dolphin_http_refused_total", "reason", "connection_limit"))
                .isEqualTo(1);
        assertThat(parsed.value("dolphin_http_refused_total", "reason", "address_limit"))
                .isEqualTo(9);
        assertThat(parsed.value("dolphin_http_refused_total", "reason", "header_timeout"))
                .isEqualTo(2);
    }
}
