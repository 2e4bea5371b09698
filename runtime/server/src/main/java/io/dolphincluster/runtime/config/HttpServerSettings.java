package io.dolphincluster.runtime.config;

import java.time.Duration;

/**
 * The keys of {@code controller.cfg}, {@code agent.cfg} and a datanode's file that bound the process's HTTP port (on a
 * controller also the DolphinDB connections that share it): {@value #MAX_CONNECTIONS_KEY}, the connections open at
 * once (one more is closed as soon as it opens), and {@value #HEADER_TIMEOUT_KEY}, the seconds a request's line and
 * headers may take to arrive from their first byte (or from the connection opening), against clients that trickle them
 * (slowloris).
 */
public record HttpServerSettings(int maxConnections, Duration headerTimeout) {
    public static final String MAX_CONNECTIONS_KEY = "maxHttpConnections";
    public static final String HEADER_TIMEOUT_KEY = "httpHeaderTimeout";
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    public static final int DEFAULT_HEADER_TIMEOUT_SECONDS = 10;

    public HttpServerSettings {
        if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be >= 1");
        if (headerTimeout.isNegative() || headerTimeout.isZero()) throw new IllegalArgumentException("headerTimeout must be positive");
    }

    /** 1024 connections, 10 s for a request's headers. */
    public static HttpServerSettings defaults() {
        return new HttpServerSettings(DEFAULT_MAX_CONNECTIONS, Duration.ofSeconds(DEFAULT_HEADER_TIMEOUT_SECONDS));
    }

    static HttpServerSettings read(KeyReader keys) {
        int connections = keys.optional(MAX_CONNECTIONS_KEY, ValueParser.integer(1, 65_535), DEFAULT_MAX_CONNECTIONS);
        int seconds = keys.optional(HEADER_TIMEOUT_KEY, ValueParser.integer(1, 300), DEFAULT_HEADER_TIMEOUT_SECONDS);
        return new HttpServerSettings(connections, Duration.ofSeconds(seconds));
    }
}
