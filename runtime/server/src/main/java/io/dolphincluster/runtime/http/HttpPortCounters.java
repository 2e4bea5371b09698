package io.dolphincluster.runtime.http;

import io.dolphincluster.runtime.metrics.ProcessMetrics;
import io.micrometer.core.instrument.Tags;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What an {@link HttpApiServer}'s protections did since it started, read at once, and the meters
 * that show it in {@code /metrics}.
 *
 * @param open connections open now, of every protocol on the port
 * @param refusedConnections connections closed as soon as they opened: {@code maxHttpConnections}
 *     were open
 * @param refusedByAddress connections closed as soon as they opened: their client address held
 *     {@code maxHttpConnectionsPerAddress}
 * @param headerTimeouts connections closed because a request's headers came too slowly
 * @param refusedBodies bodies refused because the shared body budget was empty
 * @param wrongHost requests refused for their {@code Host} (DNS rebinding)
 * @param crossSite changes refused as made by another site's page (CSRF)
 * @param refusedLogins connections of a protocol beside HTTP (DolphinDB's API on a controller)
 *     closed as soon as it was chosen: the most connections allowed were waiting to log in
 */
public record HttpPortCounters(
        int open,
        long refusedConnections,
        long refusedByAddress,
        long headerTimeouts,
        long refusedBodies,
        long wrongHost,
        long crossSite,
        long refusedLogins) {
    /** Before the server started. */
    public static final HttpPortCounters NONE = new HttpPortCounters(0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * Registers the meters {@code dolphin_http_connections{node}} and {@code
     * dolphin_http_refused_total{node,reason}} of the node {@code alias}, read from {@code
     * counters} at every scrape.
     */
    public static void register(
            ProcessMetrics metrics, String alias, Supplier<HttpPortCounters> counters) {
        metrics.gauge(
                "dolphin_http_connections",
                "connections open on the HTTP port (every protocol on it)",
                Tags.of("node", alias),
                () -> counters.get().open());
        refused(metrics, alias, "connection_limit", () -> counters.get().refusedConnections());
        refused(metrics, alias, "address_limit", () -> counters.get().refusedByAddress());
        refused(metrics, alias, "header_timeout", () -> counters.get().headerTimeouts());
        refused(metrics, alias, "body_budget", () -> counters.get().refusedBodies());
        refused(metrics, alias, "wrong_host", () -> counters.get().wrongHost());
        refused(metrics, alias, "cross_site", () -> counters.get().crossSite());
        refused(metrics, alias, "login_limit", () -> counters.get().refusedLogins());
    }

    private static void refused(
            ProcessMetrics metrics, String alias, String reason, LongSupplier count) {
        metrics.counter(
                "dolphin_http_refused_total",
                "HTTP port refusals by the protections before any route, by reason",
                Tags.of("node", alias, "reason", reason),
                count);
    }
}
