package io.dolphincluster.runtime.http;

import io.dolphincluster.runtime.metrics.PrometheusText;

/**
 * What an {@link HttpApiServer}'s protections did since it started, read at once, and how {@code
 * /metrics} shows it.
 *
 * @param open connections open now, of every protocol on the port
 * @param refusedConnections connections closed as soon as they opened: {@code maxHttpConnections}
 *     were open
 * @param headerTimeouts connections closed because a request's headers came too slowly
 * @param refusedBodies bodies refused because the shared body budget was empty
 * @param wrongHost requests refused for their {@code Host} (DNS rebinding)
 * @param crossSite changes refused as made by another site's page (CSRF)
 */
public record HttpPortCounters(
        int open,
        long refusedConnections,
        long headerTimeouts,
        long refusedBodies,
        long wrongHost,
        long crossSite) {
    /** Before the server started. */
    public static final HttpPortCounters NONE = new HttpPortCounters(0, 0, 0, 0, 0, 0);

    /** Adds the families {@code dolphin_http_*} for the node {@code alias}. */
    public void writeTo(PrometheusText text, String alias) {
        text.family(
                        "dolphin_http_connections",
                        "gauge",
                        "connections open on the HTTP port (every protocol on it)")
                .sample("dolphin_http_connections", PrometheusText.labels("node", alias), open);
        text.family(
                "dolphin_http_refused_total",
                "counter",
                "HTTP port refusals by the protections before any route, by reason");
        sample(text, alias, "connection_limit", refusedConnections);
        sample(text, alias, "header_timeout", headerTimeouts);
        sample(text, alias, "body_budget", refusedBodies);
        sample(text, alias, "wrong_host", wrongHost);
        sample(text, alias, "cross_site", crossSite);
    }

    private static void sample(PrometheusText text, String alias, String reason, long value) {
        text.sample(
                "dolphin_http_refused_total",
                PrometheusText.labels("node", alias, "reason", reason),
                value);
    }
}
