package io.dolphincluster.client;

import java.util.Objects;

/**
 * Where a datanode listens: {@code host:port}, optionally followed by {@code :alias} (and anything
 * after, ignored).
 */
public record SiteAddress(String host, int port, String alias) {
    public SiteAddress {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535)
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
    }

    /**
     * Parses {@code host:port[:alias[:...]]}; an {@link IllegalArgumentException} says what is
     * wrong.
     */
    public static SiteAddress parse(String site) {
        String[] parts = site == null ? new String[0] : site.strip().split(":");
        if (parts.length < 2 || parts[0].isEmpty())
            throw new IllegalArgumentException("a site is host:port[:alias], got '" + site + "'");
        try {
            return new SiteAddress(
                    parts[0], Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : null);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "a site is host:port[:alias] with a numeric port, got '" + site + "'");
        }
    }

    /** Whether both name the same host and port (aliases aside). */
    public boolean sameEndpoint(SiteAddress other) {
        return host.equals(other.host) && port == other.port;
    }

    @Override
    public String toString() {
        return alias == null ? host + ":" + port : host + ":" + port + ":" + alias;
    }
}
