package io.dolphincluster.runtime.net;

import io.dolphincluster.runtime.metrics.ProcessMetrics;
import io.micrometer.core.instrument.Tags;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What a {@link DataServer}'s connection limits did since it started, read at once, and the meters
 * that show it in {@code /metrics}.
 *
 * @param open connections open now, of every protocol on the port
 * @param refusedConnections connections closed as soon as they opened: {@code maxConnections} were
 *     open
 * @param refusedByAddress connections closed as soon as they opened: their client address held
 *     {@code maxConnectionsPerAddress}
 * @param refusedLogins connections closed as soon as they opened (or, for a protocol beside the
 *     port's own, as soon as it was chosen): the most connections allowed were waiting to log in
 */
public record DataPortCounters(
        int open, long refusedConnections, long refusedByAddress, long refusedLogins) {
    /** Before the server started. */
    public static final DataPortCounters NONE = new DataPortCounters(0, 0, 0, 0);

    /**
     * Registers the meters {@code dolphin_data_port_connections{node}} and {@code
     * dolphin_data_port_refused_total{node,reason}} of the node {@code alias}, read from {@code
     * counters} at every scrape.
     */
    public static void register(
            ProcessMetrics metrics, String alias, Supplier<DataPortCounters> counters) {
        metrics.gauge(
                "dolphin_data_port_connections",
                "connections open on the data port (every protocol on it)",
                Tags.of("node", alias),
                () -> counters.get().open());
        refused(metrics, alias, "connection_limit", () -> counters.get().refusedConnections());
        refused(metrics, alias, "address_limit", () -> counters.get().refusedByAddress());
        refused(metrics, alias, "login_limit", () -> counters.get().refusedLogins());
    }

    private static void refused(
            ProcessMetrics metrics, String alias, String reason, LongSupplier count) {
        metrics.counter(
                "dolphin_data_port_refused_total",
                "data port connections closed as soon as they opened, by the limit that refused them",
                Tags.of("node", alias, "reason", reason),
                count);
    }
}
