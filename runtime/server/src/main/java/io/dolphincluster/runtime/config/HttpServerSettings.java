package io.dolphincluster.runtime.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The keys of {@code controller.cfg}, {@code agent.cfg} and a datanode's file that bound the
 * process's HTTP port (on a controller also the DolphinDB connections that share it): {@value
 * #MAX_CONNECTIONS_KEY}, the connections open at once (one more is closed as soon as it opens);
 * {@value #MAX_CONNECTIONS_PER_ADDRESS_KEY}, those one client address may hold of them (at most
 * {@value #MAX_CONNECTIONS_KEY}; one more from that address is closed as soon as it opens); {@value
 * #HEADER_TIMEOUT_KEY}, the seconds a request's line and headers may take to arrive from their
 * first byte (or from the connection opening), against clients that trickle them (slowloris);
 * {@value #ALLOWED_HOSTS_KEY}, a comma-separated list of the host names browsers and clients reach
 * the process by besides its addresses and the cluster's sites (a load balancer's, an Ingress's): a
 * request naming any other public name in its {@code Host} header is refused (DNS rebinding).
 * {@link #allowedHosts()} holds the key's names and, once the process added them ({@link
 * #withHosts}), its own and the cluster's.
 */
public record HttpServerSettings(
        int maxConnections,
        int maxConnectionsPerAddress,
        Duration headerTimeout,
        List<String> allowedHosts) {
    public static final String MAX_CONNECTIONS_KEY = "maxHttpConnections";
    public static final String MAX_CONNECTIONS_PER_ADDRESS_KEY = "maxHttpConnectionsPerAddress";
    public static final String HEADER_TIMEOUT_KEY = "httpHeaderTimeout";
    public static final String ALLOWED_HOSTS_KEY = "allowedHosts";
    private static final Pattern HOST_NAME =
            Pattern.compile(
                    "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;

    /**
     * A quarter of the default cap: one address cannot take the port, and the cluster's members,
     * which may all share one address (127.0.0.1 on a local cluster, a node's IP where pods use the
     * host's network), hold a few connections each, far fewer.
     */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 256;

    public static final int DEFAULT_HEADER_TIMEOUT_SECONDS = 10;

    public HttpServerSettings {
        if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be >= 1");
        if (maxConnectionsPerAddress < 1 || maxConnectionsPerAddress > maxConnections)
            throw new IllegalArgumentException(
                    "maxConnectionsPerAddress must be from 1 to maxConnections");
        if (headerTimeout.isNegative() || headerTimeout.isZero())
            throw new IllegalArgumentException("headerTimeout must be positive");
        allowedHosts = List.copyOf(allowedHosts);
    }

    /**
     * 1024 connections, 256 of them per client address, 10 s for a request's headers, no host names
     * besides the built-in ones.
     */
    public static HttpServerSettings defaults() {
        return new HttpServerSettings(
                DEFAULT_MAX_CONNECTIONS,
                DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
                Duration.ofSeconds(DEFAULT_HEADER_TIMEOUT_SECONDS),
                List.of());
    }

    /**
     * These settings with {@code hosts} (the process's own and its cluster's host names) allowed
     * too.
     */
    public HttpServerSettings withHosts(Collection<String> hosts) {
        List<String> all = new ArrayList<>(allowedHosts);
        all.addAll(hosts);
        return new HttpServerSettings(maxConnections, maxConnectionsPerAddress, headerTimeout, all);
    }

    static HttpServerSettings read(KeyReader keys) {
        int connections =
                keys.optional(
                        MAX_CONNECTIONS_KEY,
                        ValueParser.integer(1, 65_535),
                        DEFAULT_MAX_CONNECTIONS);
        int perAddress =
                perAddress(
                        keys,
                        MAX_CONNECTIONS_PER_ADDRESS_KEY,
                        MAX_CONNECTIONS_KEY,
                        connections,
                        DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
        int seconds =
                keys.optional(
                        HEADER_TIMEOUT_KEY,
                        ValueParser.integer(1, 300),
                        DEFAULT_HEADER_TIMEOUT_SECONDS);
        List<String> hosts = keys.optional(ALLOWED_HOSTS_KEY, hostList(), List.of());
        return new HttpServerSettings(connections, perAddress, Duration.ofSeconds(seconds), hosts);
    }

    /**
     * The per-address limit {@code key} of a port whose total is {@code totalKey} ({@code total}):
     * the default, or the total when that is lower; a value above the total is a problem.
     */
    static int perAddress(
            KeyReader keys, String key, String totalKey, int total, int defaultValue) {
        int perAddress =
                keys.optional(key, ValueParser.integer(1, 65_535), Math.min(defaultValue, total));
        if (perAddress > total && keys.valid(key, totalKey)) {
            keys.problem(
                    key, "at most " + totalKey + " (" + total + ")", Integer.toString(perAddress));
            return total;
        }
        return perAddress;
    }

    private static ValueParser<List<String>> hostList() {
        return new ValueParser<>(
                "a comma-separated list of host names (no ports, no IP addresses: those are always allowed)",
                text -> {
                    List<String> hosts = new ArrayList<>();
                    for (String item : text.split(",")) {
                        String host = item.strip();
                        if (!HOST_NAME.matcher(host).matches())
                            throw new IllegalArgumentException("'" + host + "' is not a host name");
                        hosts.add(host);
                    }
                    return hosts;
                });
    }
}
