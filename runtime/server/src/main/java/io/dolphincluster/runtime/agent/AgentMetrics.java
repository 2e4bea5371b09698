package io.dolphincluster.runtime.agent;

import io.dolphincluster.runtime.http.HttpPortCounters;
import io.dolphincluster.runtime.http.MetricsRoute;
import io.dolphincluster.runtime.http.Route;
import io.dolphincluster.runtime.metrics.ProcessMetrics;
import io.dolphincluster.runtime.tls.CertificateMeters;
import io.dolphincluster.runtime.tls.ClusterTls;
import java.util.function.Supplier;

/**
 * An agent's meters and its {@code GET /metrics} (public, like a controller's and a datanode's):
 * what its HTTP port's protections refused ({@link HttpPortCounters}) and when its certificate
 * expires ({@link CertificateMeters}). An agent holds no cluster data; its datanodes' own meters
 * are on their HTTP ports.
 */
final class AgentMetrics {
    private final ProcessMetrics metrics = new ProcessMetrics(); // the process's one registry

    AgentMetrics(String alias, ClusterTls tls, Supplier<HttpPortCounters> http) {
        HttpPortCounters.register(metrics, alias, http);
        CertificateMeters.register(metrics, alias, tls);
    }

    /** {@code GET /metrics}: every meter of the process. */
    Route route() {
        return MetricsRoute.of(metrics);
    }
}
